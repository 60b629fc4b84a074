package dev.sessionrecorder.core.activity;

/**
 * What is in front of the user now, read by polling: one implementation per platform (Win32, X11) and
 * fakes in tests. Implementations hold no history; {@link ActivityTracker} turns samples into events.
 */
public interface ActivitySource extends AutoCloseable {

    /** One reading; throws when the desktop cannot be asked at all (the X server or the user's desktop went away). */
    ActivitySample sample() throws ActivityException;

    @Override
    void close();

    /** The desktop cannot be read now; the caller decides whether that is a pause. */
    final class ActivityException extends Exception {
        private static final long serialVersionUID = 1L;

        public ActivityException(String message) {
            super(message);
        }
    }
}
