package dev.sessionrecorder.core.pipeline;

import dev.sessionrecorder.core.capture.CaptureException;
import dev.sessionrecorder.core.capture.CaptureSource;
import dev.sessionrecorder.core.capture.CaptureSpec;
import dev.sessionrecorder.core.encode.ChunkEncoder;
import dev.sessionrecorder.core.encode.EncodeException;
import dev.sessionrecorder.core.encode.EncoderSettings;
import dev.sessionrecorder.core.session.SessionMetadata;
import dev.sessionrecorder.core.spool.ClosedChunk;
import dev.sessionrecorder.core.spool.InProgressChunk;
import dev.sessionrecorder.core.spool.Spool;
import dev.sessionrecorder.core.upload.Backoff;
import dev.sessionrecorder.core.upload.UploadStatus;
import dev.sessionrecorder.core.upload.ChunkSink;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.bytedeco.javacv.Frame;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One recording, from first frame to drained spool. {@link #run()} is the capture loop and runs on the
 * calling thread; encoding happens inline (one frame every 200 ms at 5 fps leaves ample time), while
 * uploads run on the uploader's own thread behind {@link ChunkSink}.
 */
public final class RecordingSession {
    private static final Logger log = LoggerFactory.getLogger(RecordingSession.class);

    private final CaptureSpec spec;
    private final CaptureSource.Factory sources;
    private final ChunkEncoder.Factory encoders;
    private final EncoderSettings encoderSettings;
    private final RollingPolicy rolling;
    private final Spool spool;
    private final long maxSpoolBytes;
    private final ChunkSink uploader;
    private final Clock clock;
    private final Duration drainBudget;
    private final CountDownLatch stopRequested = new CountDownLatch(1);
    private final CompletableFuture<UploadStatus> finished = new CompletableFuture<>();
    private final Backoff reopenBackoff = new Backoff(Duration.ofMillis(250), Duration.ofSeconds(5),
            java.util.random.RandomGenerator.getDefault());

    private volatile SessionMetadata metadata;
    private volatile CaptureState state = CaptureState.STARTING;
    private volatile InProgressChunk chunk;
    private volatile int width;
    private volatile int height;
    private volatile long framesCaptured;
    private volatile int chunksClosed;

    private CaptureSource source;
    private ChunkEncoder encoder;
    private Instant lastFrameAt;

    public RecordingSession(CaptureSpec spec, CaptureSource.Factory sources, ChunkEncoder.Factory encoders,
                            EncoderSettings encoderSettings, RollingPolicy rolling, Spool spool, long maxSpoolBytes,
                            ChunkSink uploader,
                            SessionMetadata metadata, Clock clock, Duration drainBudget) {
        this.spec = spec;
        this.sources = sources;
        this.encoders = encoders;
        this.encoderSettings = encoderSettings;
        this.rolling = rolling;
        this.spool = spool;
        this.maxSpoolBytes = maxSpoolBytes;
        this.uploader = uploader;
        this.metadata = metadata;
        this.clock = clock;
        this.drainBudget = drainBudget;
    }

    /** Asks the capture loop to close the current chunk and drain; returns at once. */
    public void requestStop() {
        stopRequested.countDown();
    }

    /** Completes when the session has stopped and the drain has ended, with what was left. */
    public CompletableFuture<UploadStatus> finished() {
        return finished;
    }

    public SessionStatus status() {
        InProgressChunk c = chunk;
        return new SessionStatus(metadata.sessionId(), state, c == null ? 0 : c.sequence(),
                Optional.ofNullable(c).map(InProgressChunk::start), width, height, framesCaptured, chunksClosed,
                uploader.status());
    }

    /** Records until {@link #requestStop()}, then drains the spool to S3 within the drain budget. */
    public UploadStatus run() {
        try {
            captureLoop();
        } catch (RuntimeException | Error e) {
            log.error("Capture loop failed; closing what was recorded", e);
        }
        UploadStatus result = null;
        try {
            state = CaptureState.STOPPING;
            closeChunk(lastFrameAt == null ? clock.instant() : lastFrameAt.plus(frameInterval()));
            closeSource();
            metadata = metadata.ended(clock.instant());
            try {
                spool.saveMetadata(metadata);
            } catch (IOException e) {
                // The local copy only serves recovery; S3 still gets the end time below.
                log.error("Could not save session metadata in the spool", e);
            }
            uploader.publish(metadata);
            result = uploader.drain(drainBudget);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (RuntimeException e) {
            log.error("Stopping failed; what is left stays in the spool", e);
        } finally {
            if (result == null) {
                result = uploader.status();
            }
            state = CaptureState.STOPPED;
            // Always completed: a waiting "stop" request and the shutdown hook depend on it.
            finished.complete(result);
        }
        return result;
    }

    private void captureLoop() {
        while (stopRequested.getCount() > 0) {
            if (chunk == null && spoolFull()) {
                continue;
            }
            if (source == null && !openSource()) {
                continue;
            }
            Frame frame;
            try {
                frame = source.grab();
            } catch (CaptureException e) {
                log.warn("Capture failed, reopening: {}", e.getMessage());
                frame = null;
            }
            if (frame == null || frame.image == null) {
                // The screen went away or changed size under the grabber: end the chunk and reopen,
                // backing off so a screen that opens but cannot be read does not spin.
                closeChunk(clock.instant());
                closeSource();
                awaitStop(reopenBackoff.next());
                continue;
            }
            Instant now = clock.instant();
            if (chunk != null && rolling.shouldRoll(chunk.start(), now)) {
                closeChunk(now);
            }
            if (chunk == null && (spoolFull() || !beginChunk(now))) {
                continue;
            }
            try {
                encoder.encode(frame, Duration.between(chunk.start(), now));
                framesCaptured++;
                lastFrameAt = now;
                reopenBackoff.reset(); // only a frame that made it into a chunk proves the pipeline works
            } catch (EncodeException e) {
                log.error("Encoder failed; closing chunk {} and starting a new one", chunk.sequence(), e);
                closeChunk(now);
                awaitStop(reopenBackoff.next());
            }
        }
    }

    /**
     * Pauses capture while the spool holds {@code maxSpoolBytes} or more (S3 unreachable for a long
     * time): filling the disk would break the user's session, so new frames wait until uploads free
     * space. Checked between chunks, so the spool can exceed the limit by at most one chunk.
     */
    private boolean spoolFull() {
        long bytes;
        try {
            bytes = spool.bytesOnDisk();
        } catch (IOException e) {
            log.warn("Cannot measure the spool", e);
            return false;
        }
        if (bytes < maxSpoolBytes) {
            if (state == CaptureState.PAUSED_SPOOL_FULL) {
                log.warn("Spool below its limit again ({} of {} bytes): resuming capture", bytes, maxSpoolBytes);
                state = CaptureState.STARTING;
            }
            return false;
        }
        if (state != CaptureState.PAUSED_SPOOL_FULL) {
            log.error("PAUSED: the spool holds {} bytes, at its limit of {} (spool.maxBytes); capture resumes when "
                    + "uploads free space. Check S3 connectivity: {}", bytes, maxSpoolBytes,
                    uploader.status().lastError().orElse("no upload error recorded"));
            state = CaptureState.PAUSED_SPOOL_FULL;
            closeSource();
        }
        awaitStop(Duration.ofSeconds(1));
        return true;
    }

    private boolean openSource() {
        try {
            source = sources.open(spec);
            width = source.width();
            height = source.height();
            state = CaptureState.CAPTURING;
            log.info("Capturing {} {} at {}x{}, {} fps", spec.format(), spec.input(), width, height, encoderSettings.fps());
            return true;
        } catch (CaptureException e) {
            state = CaptureState.WAITING_FOR_SCREEN;
            Duration wait = reopenBackoff.next();
            log.warn("Cannot open the screen ({}); retrying in {} ms", e.getMessage(), wait.toMillis());
            awaitStop(wait);
            return false;
        }
    }

    private boolean beginChunk(Instant now) {
        try {
            chunk = spool.begin(now, source.width(), source.height());
            encoder = encoders.open(chunk.file(), encoderSettings, source.width(), source.height(), source.pixelFormat());
            return true;
        } catch (IOException | EncodeException e) {
            log.error("Cannot start a chunk; retrying", e);
            abandonChunk();
            awaitStop(reopenBackoff.next());
            return false;
        }
    }

    /** Ends the current chunk at {@code end}: finish the file, hand it to the spool, wake the uploader. */
    private void closeChunk(Instant end) {
        InProgressChunk c = chunk;
        if (c == null) {
            return;
        }
        ChunkEncoder e = encoder;
        boolean empty = e == null || e.frames() == 0;
        if (e != null) {
            try {
                e.finish();
            } catch (EncodeException ex) {
                // Fragments written so far are still playable: keep them rather than lose the chunk.
                log.error("Finishing chunk {} failed; keeping what was written", c.sequence(), ex);
            } finally {
                e.close();
            }
        }
        encoder = null;
        chunk = null;
        try {
            if (empty) {
                spool.discard(c);
                return;
            }
            ClosedChunk closed = spool.close(c, end.isBefore(c.start()) ? c.start() : end);
            chunksClosed++;
            uploader.chunkClosed();
            log.info("Closed chunk {}: {} frames, {} bytes, {} to {}", closed.sequence(), e.frames(),
                    closed.record().bytes(), closed.record().start(), closed.record().end());
        } catch (IOException ex) {
            // The file stays on disk as .part; recovery at the next start closes and uploads it.
            log.error("Could not close chunk {} in the spool; recovery will pick it up", c.sequence(), ex);
        }
    }

    private void abandonChunk() {
        if (encoder != null) {
            encoder.close();
            encoder = null;
        }
        if (chunk != null) {
            try {
                spool.discard(chunk);
            } catch (IOException e) {
                log.warn("Could not discard chunk {}", chunk.sequence(), e);
            }
            chunk = null;
        }
    }

    private void closeSource() {
        if (source != null) {
            source.close();
            source = null;
        }
    }

    private Duration frameInterval() {
        return Duration.ofNanos(1_000_000_000L / encoderSettings.fps());
    }

    private void awaitStop(Duration wait) {
        try {
            stopRequested.await(wait.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            stopRequested.countDown();
        }
    }
}
