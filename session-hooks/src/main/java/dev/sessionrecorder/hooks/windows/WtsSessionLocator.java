package dev.sessionrecorder.hooks.windows;

import dev.sessionrecorder.hooks.SessionLocator;
import dev.sessionrecorder.hooks.UserSession;
import java.util.Comparator;
import java.util.List;

/**
 * The sessions to record: active, with a logged-on user, and not session 0 (services never show a
 * desktop). Disconnected RDP sessions are skipped: nobody is looking at them.
 */
final class WtsSessionLocator implements SessionLocator {
    private final Wts wts;

    WtsSessionLocator(Wts wts) {
        this.wts = wts;
    }

    @Override
    public List<UserSession> activeSessions() {
        return wts.sessions().stream()
                .filter(s -> s.id() != 0 && s.state() == Wts.ACTIVE)
                .filter(s -> !wts.userName(s.id()).isBlank())
                .sorted(Comparator.comparingInt(Wts.SessionInfo::id))
                .map(s -> new UserSession(s.id(), wts.userName(s.id()), wts.domainName(s.id()), "windows-session"))
                .toList();
    }

    @Override
    public boolean hasUser(int id) {
        return id != 0 && wts.sessions().stream().anyMatch(s -> s.id() == id) && !wts.userName(id).isBlank();
    }
}
