package dev.sessionrecorder.installer;

import com.sun.jna.platform.win32.WinNT;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** Keeps each path's DACL the way Windows would after SetNamedSecurityInfo; failures and odd DACLs can be planted. */
final class FakeWin32Security implements Win32Security {
    record SetCall(String path, int securityInformation, List<Ace> aces) {}

    final List<SetCall> calls = new ArrayList<>();
    final Map<String, DaclReading> dacls = new HashMap<>();
    int setError;
    int readError;

    @Override
    public int setDacl(String path, int securityInformation, List<Ace> aces) {
        calls.add(new SetCall(path, securityInformation, List.copyOf(aces)));
        if (setError != 0) {
            return setError;
        }
        boolean isProtected = (securityInformation & WinNT.PROTECTED_DACL_SECURITY_INFORMATION) != 0;
        dacls.put(path, new DaclReading(0, WinNT.SE_DACL_PRESENT | (isProtected ? WinNT.SE_DACL_PROTECTED : 0), List.copyOf(aces)));
        return 0;
    }

    @Override
    public DaclReading readDacl(String path) {
        if (readError != 0) {
            return DaclReading.failed(readError);
        }
        return dacls.getOrDefault(path, new DaclReading(0, WinNT.SE_DACL_PRESENT, List.of()));
    }
}
