package dev.sessionrecorder.core.control;

import dev.sessionrecorder.core.io.ProcessLock;
import java.io.IOException;
import java.nio.file.Path;

/**
 * Ownership of one control endpoint: a {@link ProcessLock} on {@code <endpoint>.lock} beside it, held for
 * the recorder's life. Asking "does a recorder answer?" and then removing what looked stale is two steps;
 * two recorders started together both passed the first, and the second deleted the first one's live
 * socket or endpoint file, leaving a recorder nothing could reach or stop. The lock makes it one step,
 * on either transport.
 */
final class EndpointLock implements AutoCloseable {
    static final String SUFFIX = ".lock";

    private final ProcessLock lock;

    private EndpointLock(ProcessLock lock) {
        this.lock = lock;
    }

    static Path beside(Path endpoint) {
        return endpoint.resolveSibling(endpoint.getFileName() + SUFFIX);
    }

    /**
     * Takes the lock of {@code endpoint} without waiting.
     *
     * @throws AlreadyRunningException when another recorder, in this process or any other, holds it
     * @throws IOException             when the lock file cannot be created or locked at all
     */
    static EndpointLock acquire(Path endpoint) throws IOException, AlreadyRunningException {
        Path file = beside(endpoint);
        return new EndpointLock(ProcessLock.tryAcquire(file).orElseThrow(() -> new AlreadyRunningException(
                "a recorder is already running at " + endpoint + " (it holds " + file + ")")));
    }

    @Override
    public void close() throws IOException {
        lock.close();
    }
}
