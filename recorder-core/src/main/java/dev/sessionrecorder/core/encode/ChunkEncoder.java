package dev.sessionrecorder.core.encode;

import java.time.Duration;
import org.bytedeco.javacv.Frame;

/** Writes one chunk file. Not thread-safe: the capture thread owns it. */
public interface ChunkEncoder extends AutoCloseable {

    /**
     * Encodes {@code frame} at {@code sinceStart} into the chunk. Frames sit on slots of one period; a
     * frame whose slot the previous frame took moves one slot later when that shows it at most a period
     * late, and is skipped otherwise (the muxer refuses equal timestamps); returns whether it was written.
     */
    boolean encode(Frame frame, Duration sinceStart) throws EncodeException;

    /** Frames written so far. */
    long frames();

    /** Flushes the encoder and writes the trailer. The file is complete afterwards. */
    void finish() throws EncodeException;

    /** Frees native resources; after {@link #finish()} or on failure. Never throws. */
    @Override
    void close();

    /** Opens encoders; swapped in tests. */
    @FunctionalInterface
    interface Factory {
        ChunkEncoder open(java.nio.file.Path file, EncoderSettings settings, int width, int height, int pixelFormat)
                throws EncodeException;
    }

    static Factory ffmpeg() {
        return FfmpegChunkEncoder::open;
    }
}
