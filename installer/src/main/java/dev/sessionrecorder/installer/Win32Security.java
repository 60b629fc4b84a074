package dev.sessionrecorder.installer;

import java.util.List;

/**
 * The Win32 calls that set and read the owner and DACL of a folder (and of everything below it), read attributes and
 * tell elevation, with SIDs and ACEs as plain values: the real one is
 * {@link JnaWin32Security}; tests on Linux use a fake. Every method reports Win32's own error code
 * rather than throwing, so the caller decides what a failure means and names the folder in it.
 */
interface Win32Security {

    /** One ACE as Windows stores it; {@code sid} in string form ("S-1-5-18"), empty for ACE types without a plain SID. */
    record Ace(int type, int flags, int mask, String sid) {}

    /**
     * What GetNamedSecurityInfo said: {@code error} 0 and then {@code control} (the security descriptor's
     * SE_* bits), the {@code owner} SID, and {@code aces}, null for a NULL DACL (which lets everyone in).
     */
    record DaclReading(int error, int control, String owner, List<Ace> aces) {
        static DaclReading failed(int error) {
            return new DaclReading(error, 0, "", List.of());
        }
    }

    /**
     * TreeResetNamedSecurityInfoW(path, SE_FILE_OBJECT, securityInformation, owner {@code ownerSid}, no group, a DACL of
     * {@code aces} in this order, no SACL, KeepExplicit FALSE, no progress function): sets them on {@code path}, and on
     * every file and folder below it sets the same owner, deletes every explicit entry and leaves only what it inherits.
     * Only ACCESS_ALLOWED ACEs. Returns the Win32 error code, 0 on success; on an error nothing may have changed, or part.
     */
    int resetTree(String path, int securityInformation, String ownerSid, List<Ace> aces);

    /**
     * Whether this process runs with an elevated (full administrator) token. Without one, Windows refuses to make
     * Administrators an owner (1307) only after an install has created folders that inherit "Users may create".
     */
    boolean elevated();

    /**
     * The SID of the account this process runs as. Where policy makes the creator the owner of what an administrator
     * creates (Windows 10/11), the folders install creates above the root are owned by it rather than by Administrators.
     */
    String userSid();

    /** GetNamedSecurityInfoW(path, SE_FILE_OBJECT, OWNER and DACL_SECURITY_INFORMATION) and the descriptor's control bits. */
    DaclReading readDacl(String path);

    /**
     * What GetFileAttributesW said: the FILE_ATTRIBUTE_* bits, or {@link #INVALID_FILE_ATTRIBUTES} and the
     * error GetLastError gave right after the call (2 file not found, 3 path not found, 5 access denied ...).
     */
    record Attributes(int bits, int error) {
        static Attributes failed(int error) {
            return new Attributes(INVALID_FILE_ATTRIBUTES, error);
        }

        boolean absent() {
            return bits == INVALID_FILE_ATTRIBUTES && (error == ERROR_FILE_NOT_FOUND || error == ERROR_PATH_NOT_FOUND);
        }

        boolean reparsePoint() {
            return bits != INVALID_FILE_ATTRIBUTES && (bits & FILE_ATTRIBUTE_REPARSE_POINT) != 0;
        }
    }

    int INVALID_FILE_ATTRIBUTES = -1;
    /** Junctions, mount points and symbolic links all carry it; Files.isSymbolicLink sees only the last. */
    int FILE_ATTRIBUTE_REPARSE_POINT = 0x400;
    int FILE_ATTRIBUTE_DIRECTORY = 0x10;
    int ERROR_FILE_NOT_FOUND = 2;
    int ERROR_PATH_NOT_FOUND = 3;

    /** GetFileAttributesW(path): does not follow a reparse point, so a junction reports itself. */
    Attributes attributes(String path);
}
