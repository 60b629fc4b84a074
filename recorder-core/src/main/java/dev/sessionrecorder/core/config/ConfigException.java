package dev.sessionrecorder.core.config;

/**
 * A configuration value that cannot be used. The message always names the field (as a dotted path),
 * the offending value and how to fix it, so an image builder can correct the file without reading code.
 */
public final class ConfigException extends Exception {
    private static final long serialVersionUID = 1L;

    private final String field;

    public ConfigException(String field, String message) {
        super(message);
        this.field = field;
    }

    /** Dotted path of the offending field, e.g. {@code recording.fps}; empty for whole-file problems. */
    public String field() {
        return field;
    }
}
