package dev.sessionrecorder.hooks;

import dev.sessionrecorder.core.spool.Spool;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Checks on values the recorded user can write (AppStream's user-level variables), before any of them
 * reaches a file name, a command line, a log line or an auditor's table. A value that fails is recorded
 * as rejected, never used, and never stops the recording.
 */
public final class Claims {
    /** AppStream names are at most 100 characters and user names (e-mail, SAML) well under this. */
    public static final int MAX_LENGTH = 256;
    private static final Pattern DEVICE = Pattern.compile("(CON|PRN|AUX|NUL|COM[0-9]|LPT[0-9])(\\..*)?");

    private Claims() {}

    /** Why claim {@code name} cannot be used as {@code value}, or empty when it can. */
    public static Optional<String> problem(String name, String value) {
        if (value.isBlank()) {
            return Optional.of("empty");
        }
        if (value.length() > MAX_LENGTH) {
            return Optional.of(value.length() + " characters, at most " + MAX_LENGTH);
        }
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            // Control characters forge lines in logs and tables; format characters (U+202E) reorder what an
            // auditor reads; U+FFFD marks UTF-16 that did not decode.
            if (Character.isISOControl(c) || Character.getType(c) == Character.FORMAT || c == '\uFFFD') {
                return Optional.of(String.format("character U+%04X at position %d", (int) c, i));
            }
        }
        if (value.startsWith("-")) {
            return Optional.of("starts with '-', which the recorder's command line would read as an option");
        }
        return Identity.APPSTREAM_SESSION_ID.equals(name) ? sessionIdProblem(value) : Optional.empty();
    }

    /**
     * The session id names the spool folder, identity-&lt;id&gt;.json and S3 keys: beyond what the recorder
     * accepts, Windows drops a trailing dot and maps device names such as NUL to devices.
     */
    private static Optional<String> sessionIdProblem(String id) {
        if (!Spool.isValidSessionId(id)) {
            return Optional.of("not a session id (1-128 letters, digits, '.', '_' or '-', starting with a letter or digit)");
        }
        if (id.endsWith(".")) {
            return Optional.of("ends with '.', which Windows drops from file names");
        }
        if (DEVICE.matcher(id.toUpperCase(Locale.ROOT)).matches()) {
            return Optional.of("a Windows device name");
        }
        return Optional.empty();
    }

    /** Up to 64 characters of {@code value} with anything unprintable as \\uXXXX, for a source line. */
    public static String preview(String value) {
        StringBuilder b = new StringBuilder();
        value.codePoints().limit(64).forEach(cp -> {
            if (Character.isISOControl(cp) || Character.getType(cp) == Character.FORMAT) {
                b.append(String.format("\\u%04X", cp));
            } else {
                b.appendCodePoint(cp);
            }
        });
        return b + (value.codePointCount(0, value.length()) > 64 ? "..." : "");
    }
}
