package dev.sessionrecorder.hooks.windows;

import java.util.List;

/** Terminal Services calls (wtsapi32) the locator needs; {@link JnaWts} for real, a fake in tests. */
public interface Wts {
    /** WTS_CONNECTSTATE_CLASS values that matter here. */
    int ACTIVE = 0;
    /** A client is connected but nobody has logged on yet (or the logon is still running). */
    int CONNECTED = 1;
    int DISCONNECTED = 4;
    /** The session is being initialised. */
    int INIT = 9;

    /** WTSEnumerateSessions: id, window station name ("Console", "RDP-Tcp#3", "Services"), state. */
    record SessionInfo(int id, String winStation, int state) {}

    /** WTSEnumerateSessions; throws {@link Win32Launch.Win32Exception} with the error code when it fails. */
    List<SessionInfo> sessions();

    /** WTSQuerySessionInformation(WTSUserName); empty string when nobody is logged on. */
    String userName(int sessionId);

    /** WTSQuerySessionInformation(WTSDomainName). */
    String domainName(int sessionId);
}
