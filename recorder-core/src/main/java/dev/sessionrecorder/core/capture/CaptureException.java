package dev.sessionrecorder.core.capture;

/** The screen could not be opened or read. Capture problems are expected (resizes, secure desktop) and retried. */
public final class CaptureException extends Exception {
    private static final long serialVersionUID = 1L;

    public CaptureException(String message) {
        super(message);
    }

    public CaptureException(String message, Throwable cause) {
        super(message, cause);
    }
}
