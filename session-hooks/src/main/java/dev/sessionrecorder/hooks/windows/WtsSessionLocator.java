package dev.sessionrecorder.hooks.windows;

import dev.sessionrecorder.hooks.SessionLocator;
import dev.sessionrecorder.hooks.UserSession;
import java.util.Comparator;
import java.util.List;

/**
 * The sessions to record: active, with a logged-on user, and not session 0 (services never show a
 * desktop). Disconnected RDP sessions are skipped: nobody is looking at them. A session still
 * connecting (WTSConnected, WTSInit) has no user yet and is found on a later look.
 */
final class WtsSessionLocator implements SessionLocator {
    private final Wts wts;

    WtsSessionLocator(Wts wts) {
        this.wts = wts;
    }

    @Override
    public List<UserSession> activeSessions() {
        return sessions().stream()
                .filter(s -> s.id() != 0 && s.state() == Wts.ACTIVE)
                .filter(s -> !wts.userName(s.id()).isBlank())
                .sorted(Comparator.comparingInt(Wts.SessionInfo::id))
                .map(s -> new UserSession(s.id(), wts.userName(s.id()), wts.domainName(s.id()), "windows-session"))
                .toList();
    }

    @Override
    public boolean hasUser(int id) {
        return id != 0 && sessions().stream().anyMatch(s -> s.id() == id) && !wts.userName(id).isBlank();
    }

    /** The sessions, or a one-line failure with its cause and fix (a stack trace helps nobody reading AppStream's log). */
    private List<Wts.SessionInfo> sessions() {
        try {
            return wts.sessions();
        } catch (Win32Launch.Win32Exception e) {
            String fix = e.error() == WinError.ACCESS_DENIED
                    ? "the hook must run as SYSTEM (\"context\": \"system\" in C:\\AppStream\\SessionScripts\\config.json)"
                    : "check that the Remote Desktop Services (TermService) service is running";
            throw new IllegalStateException("cannot list the Windows sessions: " + e.getMessage() + "; " + fix, e);
        }
    }
}
