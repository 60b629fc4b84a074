package dev.sessionrecorder.hooks.windows;

import com.sun.jna.Native;
import com.sun.jna.platform.win32.Wtsapi32;
import com.sun.jna.ptr.IntByReference;
import com.sun.jna.ptr.PointerByReference;
import java.util.ArrayList;
import java.util.List;

/** {@link Wts} through jna-platform's Wtsapi32 (Unicode). */
final class JnaWts implements Wts {
    @Override
    public List<SessionInfo> sessions() {
        PointerByReference list = new PointerByReference();
        IntByReference count = new IntByReference();
        if (!Wtsapi32.INSTANCE.WTSEnumerateSessions(Wtsapi32.WTS_CURRENT_SERVER_HANDLE, 0, 1, list, count)) {
            // Native.getLastError: JNA saved it right after the call; a second GetLastError may see a later error.
            throw new Win32Launch.Win32Exception("WTSEnumerateSessions", Native.getLastError());
        }
        try {
            List<SessionInfo> out = new ArrayList<>();
            if (count.getValue() > 0) {
                Wtsapi32.WTS_SESSION_INFO first = new Wtsapi32.WTS_SESSION_INFO(list.getValue());
                for (com.sun.jna.Structure s : first.toArray(count.getValue())) {
                    Wtsapi32.WTS_SESSION_INFO i = (Wtsapi32.WTS_SESSION_INFO) s;
                    out.add(new SessionInfo(i.SessionId, i.pWinStationName == null ? "" : i.pWinStationName, i.State));
                }
            }
            return out;
        } finally {
            Wtsapi32.INSTANCE.WTSFreeMemory(list.getValue());
        }
    }

    @Override
    public String userName(int sessionId) {
        return query(sessionId, Wtsapi32.WTS_INFO_CLASS.WTSUserName);
    }

    @Override
    public String domainName(int sessionId) {
        return query(sessionId, Wtsapi32.WTS_INFO_CLASS.WTSDomainName);
    }

    private static String query(int sessionId, int infoClass) {
        PointerByReference buf = new PointerByReference();
        IntByReference bytes = new IntByReference();
        if (!Wtsapi32.INSTANCE.WTSQuerySessionInformation(Wtsapi32.WTS_CURRENT_SERVER_HANDLE, sessionId, infoClass, buf, bytes)) {
            return "";
        }
        try {
            return buf.getValue() == null ? "" : buf.getValue().getWideString(0);
        } finally {
            Wtsapi32.INSTANCE.WTSFreeMemory(buf.getValue());
        }
    }
}
