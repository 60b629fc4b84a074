package dev.sessionrecorder.core.control;

/** Another recorder answers on the control socket of this spool. */
public final class AlreadyRunningException extends Exception {
    private static final long serialVersionUID = 1L;

    public AlreadyRunningException(String message) {
        super(message);
    }
}
