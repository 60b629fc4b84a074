package dev.sessionrecorder.core.pipeline;

import java.nio.ByteBuffer;
import java.time.Duration;
import java.time.Instant;
import org.bytedeco.javacv.Frame;

/**
 * Decides which captured frames are worth encoding. A desktop is mostly still; a frame identical to the
 * last encoded one costs encoder time for nothing, so it is skipped and the previous frame simply shows
 * longer (timestamps stay true: the video is variable frame rate). A heartbeat frame is still encoded at
 * least every {@code heartbeat}, so fragments keep closing (crash safety) and players can seek.
 *
 * <p>Keeps one copy of the last encoded frame, which also serves as the closing frame of a chunk.
 */
final class UnchangedFrames {
    private final Duration heartbeat;
    private ByteBuffer last;
    private Frame lastFrame;
    private Instant lastEncodedAt;
    private Instant lastSkippedAt;
    private volatile long skipped;

    UnchangedFrames(Duration heartbeat) {
        this.heartbeat = heartbeat;
    }

    /** Whether {@code frame}, taken at {@code now}, must be encoded; a frame that must be is remembered. */
    boolean mustEncode(Frame frame, Instant now) {
        ByteBuffer pixels = ((ByteBuffer) frame.image[0]).duplicate().clear();
        boolean due = lastEncodedAt == null || Duration.between(lastEncodedAt, now).compareTo(heartbeat) >= 0;
        if (!due && last != null && last.capacity() == pixels.capacity() && last.duplicate().clear().mismatch(pixels) == -1) {
            skipped++;
            lastSkippedAt = now;
            return false;
        }
        remember(frame, pixels);
        lastEncodedAt = now;
        lastSkippedAt = null;
        return true;
    }

    /**
     * The frame that ends a chunk when its last frames were skipped: the remembered frame again, stamped
     * at the last skipped frame's time, so the chunk plays as long as the time it covers.
     */
    Frame closingFrame() {
        return lastSkippedAt == null ? null : lastFrame;
    }

    Instant closingFrameAt() {
        return lastSkippedAt;
    }

    /** A new chunk must start with a frame of its own. */
    void newChunk() {
        lastEncodedAt = null;
        lastSkippedAt = null;
    }

    long skipped() {
        return skipped;
    }

    private void remember(Frame frame, ByteBuffer pixels) {
        if (last == null || last.capacity() != pixels.capacity()) {
            last = ByteBuffer.allocateDirect(pixels.capacity());
            lastFrame = new Frame(frame.imageWidth, frame.imageHeight, frame.imageDepth, frame.imageChannels, frame.imageStride);
            lastFrame.image[0] = last;
        }
        last.clear();
        last.put(pixels.duplicate().clear());
        last.clear();
    }
}
