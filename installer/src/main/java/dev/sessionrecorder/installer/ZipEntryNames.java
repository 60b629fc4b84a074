package dev.sessionrecorder.installer;

import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Whether a zip entry's name may be unpacked on Windows, as a pure function of the name. zipfs rejects "."
 * and ".." segments only when they are written with "/"; Windows also takes "\" as a separator, a drive letter
 * ("C:evil", "C:/evil"), a UNC or rooted name, and reads "a:b" as the alternate data stream b of file a (for which
 * Path.of throws InvalidPathException on Windows). Any of these in a runtime zip is refused, on every platform,
 * before anything is written.
 */
final class ZipEntryNames {
    /** CON, NUL, COM1 ... open devices, not files, whatever extension follows. */
    private static final Pattern DEVICE = Pattern.compile("(con|prn|aux|nul|com[0-9]|lpt[0-9])(\\..*)?");
    private static final Set<Character> NOT_IN_WINDOWS_NAMES = Set.of('<', '>', '"', '|', '?', '*');

    private ZipEntryNames() {}

    /** Why {@code name} (as the zip stores it, "/"-separated, a folder ending in "/") cannot be unpacked safely; empty when it can. */
    static Optional<String> problem(String name) {
        if (name.isEmpty()) {
            return Optional.of("an empty name");
        }
        if (name.indexOf('\\') >= 0) {
            return Optional.of("a backslash, which Windows reads as a folder separator");
        }
        if (name.indexOf(':') >= 0) {
            return Optional.of("a colon (a drive letter, or an alternate data stream on Windows)");
        }
        if (name.startsWith("/")) {
            return Optional.of("an absolute path");
        }
        String body = name.endsWith("/") ? name.substring(0, name.length() - 1) : name;
        for (String segment : body.split("/", -1)) {
            if (segment.isEmpty() || segment.equals(".") || segment.equals("..")) {
                return Optional.of("a \"" + segment + "\" path segment");
            }
            if (segment.endsWith(".") || segment.endsWith(" ")) {
                return Optional.of("a segment ending in a dot or space, which Windows drops (\"" + segment + "\")");
            }
            if (DEVICE.matcher(segment.toLowerCase(Locale.ROOT)).matches()) {
                return Optional.of("a Windows device name (\"" + segment + "\")");
            }
            for (char c : segment.toCharArray()) {
                if (c < 0x20 || NOT_IN_WINDOWS_NAMES.contains(c)) {
                    return Optional.of("a character Windows does not allow in a file name");
                }
            }
        }
        try {
            Path scratch = Path.of("unpack-target").toAbsolutePath();
            if (!scratch.resolve(body).normalize().startsWith(scratch)) {
                return Optional.of("a path outside the runtime's folder");
            }
        } catch (InvalidPathException e) {
            return Optional.of("a name this system cannot use as a path (" + e.getReason() + ")");
        }
        return Optional.empty();
    }
}
