package dev.sessionrecorder.installer;

/** A runtime given to install cannot be used; the message is one line naming the flag, the value, the cause and the fix. */
final class RuntimeRefused extends Exception {
    private static final long serialVersionUID = 1L;

    RuntimeRefused(String message) {
        super(message, null, false, false);
    }
}
