package dev.sessionrecorder.core.control;

/** Another recorder answers on this spool's control channel (its AF_UNIX socket or its announced loopback TCP port). */
public final class AlreadyRunningException extends Exception {
    private static final long serialVersionUID = 1L;

    public AlreadyRunningException(String message) {
        super(message);
    }
}
