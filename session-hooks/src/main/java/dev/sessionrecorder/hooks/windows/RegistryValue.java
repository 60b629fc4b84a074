package dev.sessionrecorder.hooks.windows;

import java.nio.charset.StandardCharsets;

/**
 * What Windows answered when asked for one registry value: a string, nothing, a value of another type,
 * or an error. The user's own keys (HKU\SID\Environment) hold whatever the user wrote there, so every
 * answer is a case to record, never an exception: a REG_DWORD AppStream_Session_ID must not stop the
 * recording.
 */
public sealed interface RegistryValue {
    /** The largest value read; a bigger one is reported as {@link Unreadable} with ERROR_MORE_DATA (234). */
    int MAX_BYTES = 16 * 1024;
    int REG_SZ = 1;
    int REG_EXPAND_SZ = 2;
    int REG_DWORD = 4;
    int REG_MULTI_SZ = 7;
    int REG_QWORD = 11;

    /**
     * A REG_SZ or REG_EXPAND_SZ value, trailing NULs removed. REG_EXPAND_SZ is kept unexpanded:
     * expanding it with SYSTEM's variables would not give what the user's programs see.
     */
    record Present(String value) implements RegistryValue {}

    /** ERROR_FILE_NOT_FOUND (2): no such value, or ({@code noKey}) no such key, as when the user's hive is not loaded. */
    record Absent(boolean noKey) implements RegistryValue {}

    /** Present but not a string (REG_DWORD, REG_BINARY, REG_MULTI_SZ, ...); {@code type} is the REG_* number. */
    record WrongType(int type) implements RegistryValue {}

    /** Any other error code from RegOpenKeyEx or RegQueryValueEx, e.g. ERROR_ACCESS_DENIED (5), ERROR_MORE_DATA (234). */
    record Unreadable(int error) implements RegistryValue {}

    /** What RegOpenKeyEx's status means for a value under that key (0 is not passed here). */
    static RegistryValue keyNotOpened(int status) {
        return status == WinError.FILE_NOT_FOUND ? new Absent(true) : new Unreadable(status);
    }

    /** RegQueryValueEx's status, type and the first {@code length} bytes of {@code data}, as one answer. */
    static RegistryValue decode(int status, int type, byte[] data, int length) {
        if (status == WinError.FILE_NOT_FOUND) {
            return new Absent(false);
        }
        if (status != 0) {
            return new Unreadable(status);
        }
        if (type != REG_SZ && type != REG_EXPAND_SZ) {
            return new WrongType(type);
        }
        // A value written with RegSetValueEx may have an odd length or no terminator: take whole UTF-16 units.
        String s = new String(data, 0, Math.min(length, data.length) & ~1, StandardCharsets.UTF_16LE);
        int end = s.length();
        while (end > 0 && s.charAt(end - 1) == '\0') {
            end--;
        }
        return new Present(s.substring(0, end));
    }

    /** A one-line account of a value that is not a usable string: "REG_DWORD, not a string", "Windows error 5 (access denied)". */
    static String problem(RegistryValue v) {
        if (v instanceof Absent a) {
            return a.noKey() ? "no such key (the user's registry hive is not loaded, or the key was never written)" : "no such value";
        }
        if (v instanceof WrongType w) {
            return typeName(w.type()) + ", not a string";
        }
        if (v instanceof Unreadable u) {
            return (u.error() == WinError.MORE_DATA ? "larger than " + MAX_BYTES + " bytes, " : "") + WinError.describe(u.error());
        }
        return "a string";
    }

    static String typeName(int type) {
        return switch (type) {
            case 0 -> "REG_NONE";
            case REG_SZ -> "REG_SZ";
            case REG_EXPAND_SZ -> "REG_EXPAND_SZ";
            case 3 -> "REG_BINARY";
            case REG_DWORD -> "REG_DWORD";
            case 5 -> "REG_DWORD_BIG_ENDIAN";
            case 6 -> "REG_LINK";
            case REG_MULTI_SZ -> "REG_MULTI_SZ";
            case REG_QWORD -> "REG_QWORD";
            default -> "registry type " + type;
        };
    }
}
