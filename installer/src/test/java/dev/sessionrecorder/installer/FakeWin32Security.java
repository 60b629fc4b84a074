package dev.sessionrecorder.installer;

import com.sun.jna.platform.win32.WinNT;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** Keeps each path's DACL the way Windows would after SetNamedSecurityInfo; failures and odd DACLs can be planted. */
final class FakeWin32Security implements Win32Security {
    record SetCall(String path, int securityInformation, String owner, List<Ace> aces) {}

    final List<SetCall> calls = new ArrayList<>();
    final Map<String, DaclReading> dacls = new HashMap<>();
    int setError;
    int readError;

    @Override
    public int setDacl(String path, int securityInformation, String ownerSid, List<Ace> aces) {
        calls.add(new SetCall(path, securityInformation, ownerSid, List.copyOf(aces)));
        if (setError != 0) {
            return setError;
        }
        boolean isProtected = (securityInformation & WinNT.PROTECTED_DACL_SECURITY_INFORMATION) != 0;
        String owner = (securityInformation & WinNT.OWNER_SECURITY_INFORMATION) != 0 ? ownerSid
                : dacls.getOrDefault(path, readDacl(path)).owner();
        dacls.put(path, new DaclReading(0, WinNT.SE_DACL_PRESENT | (isProtected ? WinNT.SE_DACL_PROTECTED : 0), owner,
                List.copyOf(aces)));
        return 0;
    }

    @Override
    public DaclReading readDacl(String path) {
        if (readError != 0) {
            return DaclReading.failed(readError);
        }
        // A folder nobody restricted: created by a user, who owns it.
        return dacls.getOrDefault(path, new DaclReading(0, WinNT.SE_DACL_PRESENT, "S-1-5-21-1-2-3-1001", List.of()));
    }
}
