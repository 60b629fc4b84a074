package dev.sessionrecorder.installer;

import java.util.List;

/**
 * The two Win32 calls that set and read a folder's owner and DACL, with SIDs and ACEs as plain values: the real one is
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
     * SetNamedSecurityInfoW(path, SE_FILE_OBJECT, securityInformation, owner {@code ownerSid}, no group, a
     * DACL of {@code aces} in this order, no SACL). Only ACCESS_ALLOWED ACEs. Returns the Win32 error code,
     * 0 on success.
     */
    int setDacl(String path, int securityInformation, String ownerSid, List<Ace> aces);

    /** GetNamedSecurityInfoW(path, SE_FILE_OBJECT, OWNER and DACL_SECURITY_INFORMATION) and the descriptor's control bits. */
    DaclReading readDacl(String path);
}
