package dev.sessionrecorder.hooks.windows;

import java.util.Map;

/**
 * Short names for the Windows error codes these hooks meet, so a one-line failure says "access denied"
 * rather than a bare number. A fixed table (not FormatMessage) keeps messages the same on every
 * language pack and testable off Windows.
 */
final class WinError {
    static final int FILE_NOT_FOUND = 2;
    static final int PATH_NOT_FOUND = 3;
    static final int ACCESS_DENIED = 5;
    static final int INVALID_PARAMETER = 87;
    static final int MORE_DATA = 234;
    static final int NOT_ALL_ASSIGNED = 1300;
    static final int PRIVILEGE_NOT_HELD = 1314;

    private static final Map<Integer, String> NAMES = Map.of(
            FILE_NOT_FOUND, "file not found",
            PATH_NOT_FOUND, "path not found",
            ACCESS_DENIED, "access denied",
            INVALID_PARAMETER, "the parameter is incorrect",
            MORE_DATA, "more data than the buffer holds",
            NOT_ALL_ASSIGNED, "not all privileges assigned",
            1313, "no such privilege",
            PRIVILEGE_NOT_HELD, "a required privilege is not held",
            1332, "no mapping between account names and security IDs",
            1722, "the RPC server is unavailable");

    private WinError() {}

    /** "Windows error 5 (access denied)". */
    static String describe(int code) {
        String name = NAMES.get(code);
        return "Windows error " + code + (name == null ? "" : " (" + name + ")");
    }
}
