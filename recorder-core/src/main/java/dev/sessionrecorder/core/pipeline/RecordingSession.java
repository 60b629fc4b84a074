package dev.sessionrecorder.core.pipeline;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.sessionrecorder.core.capture.CaptureException;
import dev.sessionrecorder.core.capture.CaptureSource;
import dev.sessionrecorder.core.capture.CaptureSpec;
import dev.sessionrecorder.core.config.RecorderConfig;
import dev.sessionrecorder.core.display.DisplayTopology;
import dev.sessionrecorder.core.display.Topology;
import dev.sessionrecorder.core.encode.ChunkEncoder;
import dev.sessionrecorder.core.encode.EncodeException;
import dev.sessionrecorder.core.encode.EncoderSettings;
import dev.sessionrecorder.core.session.SessionMetadata;
import dev.sessionrecorder.core.spool.ClosedChunk;
import dev.sessionrecorder.core.spool.InProgressChunk;
import dev.sessionrecorder.core.spool.Json;
import dev.sessionrecorder.core.spool.Spool;
import dev.sessionrecorder.core.upload.Backoff;
import dev.sessionrecorder.core.upload.ChunkSink;
import dev.sessionrecorder.core.upload.UploadStatus;
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
 *
 * <p>The loop measures the screen layout at least every {@link #TOPOLOGY_POLL} and reopens the capture
 * on any change, because grabbers keep the size they opened with: x11grab returns nothing when the
 * screen shrinks and a stale top-left crop when it grows, gdigrab black or clipped frames.
 */
public final class RecordingSession {
    static final Duration TOPOLOGY_POLL = Duration.ofMillis(250);
    /** An unchanged picture is still encoded this often, so fragments close and players can seek. */
    static final Duration HEARTBEAT = Duration.ofSeconds(1);
    private static final Logger log = LoggerFactory.getLogger(RecordingSession.class);

    private final Screen screen;
    private final ChunkEncoder.Factory encoders;
    private final EncoderSettings encoderSettings;
    private final RollingPolicy rolling;
    private final Spool spool;
    private final DiskBudget budget;
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
    private Topology openedTopology;
    private Topology recordedTopology;
    private Instant lastPoll = Instant.MIN;
    private ChunkEncoder encoder;
    private Instant lastFrameAt;
    private long skippedAtChunkStart;
    /** Null when every frame is encoded (recording.skipUnchangedFrames = false). */
    private final UnchangedFrames unchanged;

    public RecordingSession(Screen screen, ChunkEncoder.Factory encoders, EncoderSettings encoderSettings,
                            RollingPolicy rolling, Spool spool, RecorderConfig.Spool limits, ChunkSink uploader,
                            SessionMetadata metadata, Clock clock, Duration drainBudget, boolean skipUnchanged) {
        this.screen = screen;
        this.encoders = encoders;
        this.encoderSettings = encoderSettings;
        this.rolling = rolling;
        this.spool = spool;
        // Two seconds of video in hand: the spool is measured every 250 ms and fragments land each second.
        long headroom = 2L * encoderSettings.bitrateKbps() * 1000 / 8;
        this.budget = new DiskBudget(limits.maxBytes(), limits.minFreeBytes(), headroom, limits.whenFull());
        this.uploader = uploader;
        this.metadata = metadata;
        this.clock = clock;
        this.drainBudget = drainBudget;
        this.unchanged = skipUnchanged ? new UnchangedFrames(HEARTBEAT) : null;
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
                Optional.ofNullable(c).map(InProgressChunk::start), width, height, framesCaptured, framesSkipped(),
                chunksClosed, uploader.status());
    }

    private long framesSkipped() {
        UnchangedFrames u = unchanged;
        return u == null ? 0 : u.skipped();
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
            screen.topology().close();
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
            if (chunk == null && diskFull(clock.instant())) {
                continue;
            }
            if (secureDesktopShown()) {
                continue;
            }
            if (source == null && !openSource()) {
                continue;
            }
            Frame frame = grab();
            Instant now = clock.instant();
            if (frame == null) {
                // The screen went away or shrank under the grabber. A layout change explains it: reopen at
                // once. Anything else backs off, so a screen that opens but cannot be read does not spin.
                closeChunk(now);
                closeSource();
                Topology t = measure();
                if (t == null || !t.differsFrom(openedTopology)) {
                    awaitStop(reopenBackoff.next());
                }
                continue;
            }
            if (pollDue(now)) {
                if (layoutChanged()) {
                    // This frame may already be cropped or stale: drop it, end the chunk, reopen at the new size.
                    closeChunk(now);
                    closeSource();
                    continue;
                }
                if (chunk != null && diskFull(now)) {
                    continue;
                }
            }
            if (chunk != null && rolling.shouldRoll(chunk.start(), now)) {
                closeChunk(now);
            }
            if (chunk == null && (diskFull(now) || !beginChunk(now))) {
                continue;
            }
            try {
                framesCaptured++;
                lastFrameAt = now;
                if (unchanged != null && !unchanged.mustEncode(frame, now)) {
                    continue; // same picture as the last encoded frame: it just shows longer
                }
                encoder.encode(frame, Duration.between(chunk.start(), now));
                reopenBackoff.reset(); // only a frame that made it into a chunk proves the pipeline works
            } catch (EncodeException e) {
                log.error("Encoder failed; closing chunk {} and starting a new one", chunk.sequence(), e);
                closeChunk(now);
                awaitStop(reopenBackoff.next());
            }
        }
    }

    private Frame grab() {
        try {
            Frame f = source.grab();
            return f == null || f.image == null ? null : f;
        } catch (CaptureException e) {
            log.warn("Capture failed, reopening: {}", e.getMessage());
            return null;
        }
    }

    /** The layout now, or null when the display cannot be asked (it is logged, and the caller backs off). */
    private Topology measure() {
        try {
            return screen.topology().current();
        } catch (DisplayTopology.TopologyException e) {
            log.warn("Cannot read the screen layout: {}", e.getMessage());
            return null;
        }
    }

    /** True at most every {@link #TOPOLOGY_POLL}: time to look at the layout and the disk. */
    private boolean pollDue(Instant now) {
        if (Duration.between(lastPoll, now).compareTo(TOPOLOGY_POLL) < 0) {
            return false;
        }
        lastPoll = now;
        return true;
    }

    /** True when the layout differs from what the capture was opened on. */
    private boolean layoutChanged() {
        Topology t = measure();
        return t != null && t.differsFrom(openedTopology);
    }

    private boolean openSource() {
        Topology t = measure();
        CaptureSpec spec = t == null ? null : screen.captureFor().apply(t);
        try {
            if (spec == null) {
                throw new CaptureException("the screen layout is unknown");
            }
            source = screen.sources().open(spec);
        } catch (CaptureException e) {
            state = CaptureState.WAITING_FOR_SCREEN;
            Duration wait = reopenBackoff.next();
            log.warn("Cannot open the screen ({}); retrying in {} ms", e.getMessage(), wait.toMillis());
            awaitStop(wait);
            return false;
        }
        openedTopology = t;
        lastPoll = clock.instant();
        width = source.width();
        height = source.height();
        state = CaptureState.CAPTURING;
        if (t.differsFrom(recordedTopology)) {
            ObjectNode change = Json.mapper().createObjectNode();
            change.set("from", recordedTopology == null ? null : Json.mapper().valueToTree(recordedTopology));
            change.set("to", Json.mapper().valueToTree(t));
            event("topology", change);
            log.info("Screen layout {}{}: capturing {} {} at {}x{}, {} fps", recordedTopology == null ? "" : "changed to ", t,
                    spec.format(), spec.input(), width, height, encoderSettings.fps());
            recordedTopology = t;
        }
        return true;
    }

    /**
     * While a secure desktop (UAC, lock screen) is shown nothing can be captured: close the chunk, record
     * the pause, and look again every {@link #TOPOLOGY_POLL}.
     */
    private boolean secureDesktopShown() {
        if (screen.secureDesktop().active()) {
            if (state != CaptureState.PAUSED_SECURE_DESKTOP) {
                closeChunk(clock.instant());
                closeSource();
                state = CaptureState.PAUSED_SECURE_DESKTOP;
                event("paused", Json.mapper().createObjectNode().put("reason", "secure-desktop"));
                log.info("Secure desktop shown (UAC or lock screen): capture paused");
            }
            awaitStop(TOPOLOGY_POLL);
            return true;
        }
        if (state == CaptureState.PAUSED_SECURE_DESKTOP) {
            state = CaptureState.STARTING;
            event("resumed", Json.mapper().createObjectNode().put("reason", "secure-desktop"));
            log.info("Secure desktop gone: capture resumes");
        }
        return false;
    }

    /**
     * Applies the disk budget (spool.maxBytes, spool.minFreeBytes, spool.whenFull). Under "pause", a full
     * spool ends the chunk and stops capture (a journaled gap) until uploads free space; under
     * "drop-oldest-unuploaded" the oldest chunk S3 lacks is deleted (journaled) and recording goes on.
     * Returns true while capture must wait.
     */
    private boolean diskFull(Instant now) {
        long bytes;
        long free;
        try {
            bytes = spool.bytesOnDisk();
            free = spool.freeDiskBytes();
            DiskBudget.Verdict v = budget.check(bytes, free, () -> !spool.awaitingUpload().isEmpty());
            while (v == DiskBudget.Verdict.DROP_OLDEST) {
                Optional<dev.sessionrecorder.core.spool.ChunkRecord> dropped = spool.dropOldestUnuploaded(now);
                dropped.ifPresent(r -> log.error("DROPPED chunk {} ({} bytes, {} to {}) that S3 did not have yet: the spool is "
                        + "full (spool.whenFull = drop-oldest-unuploaded)", r.sequence(), r.bytes(), r.start(), r.end()));
                bytes = spool.bytesOnDisk();
                free = spool.freeDiskBytes();
                v = budget.check(bytes, free, () -> !spool.awaitingUpload().isEmpty());
            }
            if (v == DiskBudget.Verdict.OK) {
                if (state == CaptureState.PAUSED_SPOOL_FULL) {
                    log.warn("Spool has room again ({} bytes in it, {} free on disk): resuming capture", bytes, free);
                    event("resumed", Json.mapper().createObjectNode().put("reason", "spool-full"));
                    state = CaptureState.STARTING;
                }
                return false;
            }
        } catch (IOException e) {
            log.warn("Cannot measure the spool", e);
            return false;
        }
        if (state != CaptureState.PAUSED_SPOOL_FULL) {
            String reason = budget.reason(bytes, free);
            log.error("PAUSED ({}): the spool holds {} bytes and {} are free on its disk; capture resumes when uploads free "
                    + "space. Check S3 connectivity: {}", reason, bytes, free,
                    uploader.status().lastError().orElse("no upload error recorded"));
            closeChunk(now);
            closeSource();
            state = CaptureState.PAUSED_SPOOL_FULL;
            event("paused", Json.mapper().createObjectNode().put("reason", reason).put("spoolBytes", bytes).put("freeBytes", free));
        }
        awaitStop(Duration.ofSeconds(1));
        return true;
    }

    private void event(String name, ObjectNode details) {
        try {
            spool.recordEvent(name, clock.instant(), details);
        } catch (IOException e) {
            log.warn("Could not journal event {}", name, e);
        }
    }

    private boolean beginChunk(Instant now) {
        try {
            chunk = spool.begin(now, source.width(), source.height());
            if (unchanged != null) {
                unchanged.newChunk();
            }
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
        if (e != null && unchanged != null && unchanged.closingFrame() != null) {
            try {
                // The last frames were skipped as unchanged: show the picture up to the last one taken.
                e.encode(unchanged.closingFrame(), Duration.between(c.start(), unchanged.closingFrameAt()));
            } catch (EncodeException ex) {
                log.warn("Could not write the closing frame of chunk {}", c.sequence(), ex);
            }
        }
        long frames = e == null ? 0 : e.frames();
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
            if (frames == 0) {
                spool.discard(c);
                skippedAtChunkStart = framesSkipped();
                return;
            }
            ClosedChunk closed = spool.close(c, end.isBefore(c.start()) ? c.start() : end);
            long skippedNow = framesSkipped();
            spool.recordFrameStats(c.sequence(), frames, skippedNow - skippedAtChunkStart);
            skippedAtChunkStart = skippedNow;
            chunksClosed++;
            uploader.chunkClosed();
            log.info("Closed chunk {}: {} frames, {} bytes, {}x{}, {} to {}", closed.sequence(), frames,
                    closed.record().bytes(), c.width(), c.height(), closed.record().start(), closed.record().end());
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
