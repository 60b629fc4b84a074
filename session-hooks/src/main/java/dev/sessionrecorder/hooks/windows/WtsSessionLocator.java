package dev.sessionrecorder.hooks.windows;

import dev.sessionrecorder.hooks.SessionLocator;
import dev.sessionrecorder.hooks.UserSession;
import java.util.Comparator;
import java.util.Optional;

/**
 * The session to record: active, with a logged-on user, and not session 0 (services never show a
 * desktop). Disconnected RDP sessions are skipped: nobody is looking at them. If several are active
 * (rare on streaming instances), the console wins, then the lowest id.
 */
final class WtsSessionLocator implements SessionLocator {
    private final Wts wts;

    WtsSessionLocator(Wts wts) {
        this.wts = wts;
    }

    @Override
    public Optional<UserSession> activeSession() {
        return wts.sessions().stream()
                .filter(s -> s.id() != 0 && s.state() == Wts.ACTIVE)
                .filter(s -> !wts.userName(s.id()).isBlank())
                .min(Comparator.comparing((Wts.SessionInfo s) -> !"Console".equalsIgnoreCase(s.winStation()))
                        .thenComparingInt(Wts.SessionInfo::id))
                .map(s -> new UserSession(s.id(), wts.userName(s.id()), wts.domainName(s.id()), "windows-session"));
    }
}
