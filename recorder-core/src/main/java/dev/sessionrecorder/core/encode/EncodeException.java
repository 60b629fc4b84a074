package dev.sessionrecorder.core.encode;

/** The encoder or muxer failed; the chunk file written so far stays on disk and plays up to its last fragment. */
public final class EncodeException extends Exception {
    private static final long serialVersionUID = 1L;

    public EncodeException(String message, Throwable cause) {
        super(message, cause);
    }
}
