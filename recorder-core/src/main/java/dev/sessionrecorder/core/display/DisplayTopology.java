package dev.sessionrecorder.core.display;

/**
 * Reads the current desktop layout. Implementations are cheap enough to call several times a second
 * from the capture loop, which polls them to notice resolution and monitor changes.
 */
public interface DisplayTopology extends AutoCloseable {

    /** The layout now; throws when the display cannot be asked (it went away, or is not there yet). */
    Topology current() throws TopologyException;

    @Override
    void close();

    /** The display cannot be queried now. */
    final class TopologyException extends Exception {
        private static final long serialVersionUID = 1L;

        public TopologyException(String message) {
            super(message);
        }
    }
}
