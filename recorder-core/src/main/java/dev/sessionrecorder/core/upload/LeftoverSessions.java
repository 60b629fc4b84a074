package dev.sessionrecorder.core.upload;

import dev.sessionrecorder.core.session.SessionMetadata;
import dev.sessionrecorder.core.spool.ChunkRecord;
import dev.sessionrecorder.core.spool.SessionLock;
import dev.sessionrecorder.core.spool.Spool;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * The recovery path for whole sessions. A recorder that crashed, was killed, or lost S3 before its
 * drain finished leaves its session folder in the spool, and every new session has a new id, so
 * nothing else would ever upload it. Each such folder is opened (which closes its in-progress chunk),
 * uploaded with a final manifest, and marked complete once S3 has all of it.
 */
public final class LeftoverSessions {
    private static final Logger log = LoggerFactory.getLogger(LeftoverSessions.class);

    /** What became of one leftover session. */
    public record Result(String sessionId, UploadStatus status) {}

    private LeftoverSessions() {}

    /**
     * Session folders under {@code root} that are not complete, other than {@code except}, and that no
     * live recorder holds: on a multi-session instance the other users' recorders are still writing theirs.
     */
    public static List<String> find(Path root, Optional<String> except) throws IOException {
        List<String> out = new ArrayList<>();
        for (String id : Spool.sessionIds(root)) {
            if (except.map(id::equals).orElse(false) || Spool.isComplete(root, id) || SessionLock.isHeld(root, id)) {
                continue;
            }
            out.add(id);
        }
        return out;
    }

    /** Uploads every leftover session, oldest first, until done or {@code budget} is spent; the rest waits for the next run. */
    public static List<Result> drainAll(S3Client s3, String bucket, ObjectOptions options, Path root, Optional<String> except,
                                        Duration budget, Clock clock) throws IOException, InterruptedException {
        Instant deadline = clock.instant().plus(budget);
        List<Result> results = new ArrayList<>();
        for (String id : find(root, except)) {
            Duration left = Duration.between(clock.instant(), deadline);
            if (left.isNegative() || left.isZero()) {
                break;
            }
            // Between find and here another recorder or drain may have taken it: then it is theirs.
            Optional<SessionLock> lock = SessionLock.tryAcquire(root, id);
            if (lock.isEmpty()) {
                log.info("Leftover session {} is being uploaded by another process; leaving it to that one", id);
                continue;
            }
            try (SessionLock held = lock.get()) {
                results.add(drain(s3, bucket, options, root, id, left, clock));
            }
        }
        return results;
    }

    static Result drain(S3Client s3, String bucket, ObjectOptions options, Path root, String id, Duration budget, Clock clock)
            throws IOException, InterruptedException {
        Spool spool = Spool.open(root, id);
        Optional<SessionMetadata> saved = spool.metadata();
        if (saved.isEmpty()) {
            // Only a recorder that died between creating the folder and its first write leaves this.
            log.warn("Leftover session {} has no session.json; nothing was recorded into it, leaving it", id);
            return new Result(id, new UploadStatus(0, 0, spool.awaitingUpload().size(), 0, 0,
                    Optional.of("no session.json"), false, Optional.empty()));
        }
        SessionMetadata meta = saved.get();
        if (meta.endedAt().isEmpty()) {
            List<ChunkRecord> chain = spool.chain();
            Instant end = chain.isEmpty() ? meta.startedAt() : chain.get(chain.size() - 1).end();
            meta = meta.ended(end);
            spool.saveMetadata(meta);
        }
        log.info("Uploading leftover session {} ({} chunk(s) waiting, {} recovered from a crash)", id,
                spool.awaitingUpload().size(), spool.recoveredCount());
        try (Uploader uploader = new Uploader(s3, bucket, options, spool, meta, Backoff.standard(), clock)) {
            uploader.start();
            uploader.chunkClosed();
            UploadStatus status = uploader.drain(budget);
            log.info("Leftover session {}: {} chunk(s) uploaded, {} still waiting{}", id, status.uploadedChunks(),
                    status.pendingChunks(), status.drained() ? "; complete" : "");
            return new Result(id, status);
        }
    }
}
