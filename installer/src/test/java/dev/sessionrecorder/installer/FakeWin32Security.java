package dev.sessionrecorder.installer;

import com.sun.jna.platform.win32.WinNT;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Keeps each path's DACL the way Windows would after SetNamedSecurityInfo; failures and odd DACLs can be planted.
 * Junctions behave as on Windows: GetFileAttributes reports the link itself (directory and reparse point), while
 * SetNamedSecurityInfo and GetNamedSecurityInfo follow it to its target. Attributes of anything else come from the
 * real disk, with Windows' error codes for what is missing: 2 when only the last part is, 3 when a folder above is.
 */
final class FakeWin32Security implements Win32Security {
    record SetCall(String path, int securityInformation, String owner, List<Ace> aces) {}

    final List<SetCall> calls = new ArrayList<>();
    final Map<String, DaclReading> dacls = new HashMap<>();
    /** Junction path → the folder it points at. */
    final Map<String, String> junctions = new HashMap<>();
    /** Paths whose GetFileAttributes fails with this error (e.g. 5 for a folder the caller may not read). */
    final Map<String, Integer> attributeErrors = new HashMap<>();
    int setError;
    int readError;

    @Override
    public int setDacl(String path, int securityInformation, String ownerSid, List<Ace> aces) {
        String real = followJunctions(path);
        calls.add(new SetCall(real, securityInformation, ownerSid, List.copyOf(aces)));
        if (setError != 0) {
            return setError;
        }
        boolean isProtected = (securityInformation & WinNT.PROTECTED_DACL_SECURITY_INFORMATION) != 0;
        String owner = (securityInformation & WinNT.OWNER_SECURITY_INFORMATION) != 0 ? ownerSid
                : dacls.getOrDefault(real, readDacl(real)).owner();
        dacls.put(real, new DaclReading(0, WinNT.SE_DACL_PRESENT | (isProtected ? WinNT.SE_DACL_PROTECTED : 0), owner,
                List.copyOf(aces)));
        return 0;
    }

    @Override
    public DaclReading readDacl(String path) {
        if (readError != 0) {
            return DaclReading.failed(readError);
        }
        // A folder nobody restricted: created by a user, who owns it.
        return dacls.getOrDefault(followJunctions(path), new DaclReading(0, WinNT.SE_DACL_PRESENT, "S-1-5-21-1-2-3-1001", List.of()));
    }

    @Override
    public Attributes attributes(String path) {
        Integer error = attributeErrors.get(path);
        if (error != null) {
            return Attributes.failed(error);
        }
        if (junctions.containsKey(path)) {
            return new Attributes(FILE_ATTRIBUTE_DIRECTORY | FILE_ATTRIBUTE_REPARSE_POINT, 0);
        }
        Path p = Path.of(followJunctions(path));
        if (Files.isDirectory(p)) {
            return new Attributes(FILE_ATTRIBUTE_DIRECTORY, 0);
        }
        if (Files.exists(p)) {
            return new Attributes(0x20, 0); // FILE_ATTRIBUTE_ARCHIVE, what a fresh file has
        }
        return Attributes.failed(p.getParent() != null && Files.isDirectory(p.getParent()) ? ERROR_FILE_NOT_FOUND : ERROR_PATH_NOT_FOUND);
    }

    /** The path Windows would reach: every junction on the way replaced by its target. */
    private String followJunctions(String path) {
        for (Map.Entry<String, String> j : junctions.entrySet()) {
            if (path.equals(j.getKey()) || path.startsWith(j.getKey() + java.io.File.separator)) {
                return j.getValue() + path.substring(j.getKey().length());
            }
        }
        return path;
    }
}
