package dev.sessionrecorder.core.spool;

import dev.sessionrecorder.core.io.ProcessLock;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * Who may open one session's spool folder. On a multi-session instance several recorders share one
 * spool root, and each also uploads what earlier, crashed recorders left there; opening a folder runs
 * recovery, which closes its in-progress chunk, so opening a folder another live recorder writes to would
 * cut its recording. Each recorder (and each drain) therefore holds this lock on the folder it works on.
 *
 * <p>A {@link ProcessLock} on a file inside the session folder, so it goes wherever the folder goes.
 */
public final class SessionLock implements AutoCloseable {
    static final String FILE = "recorder.lock";

    private final ProcessLock lock;

    private SessionLock(ProcessLock lock) {
        this.lock = lock;
    }

    /** The lock of {@code sessionId} under spool {@code root}, or empty while another recorder or drain holds it. */
    public static Optional<SessionLock> tryAcquire(Path root, String sessionId) throws IOException {
        if (!Spool.isValidSessionId(sessionId)) {
            throw new IllegalArgumentException("not a session id: \"" + sessionId + "\"");
        }
        Path dir = Spool.sessionsDir(root).resolve(sessionId);
        Files.createDirectories(dir);
        return ProcessLock.tryAcquire(dir.resolve(FILE)).map(SessionLock::new);
    }

    /**
     * The lock, waiting up to {@code patience}: a drain or session-end probes every unfinished folder by
     * taking its lock for a moment, and such a probe must not cost a starting recorder its recording. A
     * lock still held after that belongs to a live recorder.
     */
    public static Optional<SessionLock> acquire(Path root, String sessionId, java.time.Duration patience)
            throws IOException, InterruptedException {
        long until = System.nanoTime() + patience.toNanos();
        while (true) {
            Optional<SessionLock> lock = tryAcquire(root, sessionId);
            if (lock.isPresent() || System.nanoTime() > until) {
                return lock;
            }
            Thread.sleep(100);
        }
    }

    /** Whether a live recorder or drain holds {@code sessionId}'s lock right now (a snapshot: it may change next moment). */
    public static boolean isHeld(Path root, String sessionId) throws IOException {
        if (!Files.isDirectory(Spool.sessionsDir(root).resolve(sessionId))) {
            return false;
        }
        Optional<SessionLock> probe = tryAcquire(root, sessionId);
        probe.ifPresent(SessionLock::close);
        return probe.isEmpty();
    }

    @Override
    public void close() {
        try {
            lock.close();
        } catch (IOException ignored) {
            // the kernel drops the lock with the descriptor in any case
        }
    }
}
