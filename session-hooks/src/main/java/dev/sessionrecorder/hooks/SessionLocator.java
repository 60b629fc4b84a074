package dev.sessionrecorder.hooks;

import java.util.List;

/**
 * The user sessions on this machine. A multi-session fleet puts several users on one instance, each
 * with its own recorder, so the hooks ask for all of them, never for "the" session.
 */
public interface SessionLocator {
    /**
     * Every session a user is actively working in (not the services session, not a disconnected one,
     * not a logon screen without a user), ordered by id.
     */
    List<UserSession> activeSessions();

    /**
     * True while session {@code id} exists with a user logged on, in any state (active, disconnected,
     * logging off). A recorder whose session is not there any more has nobody left to record.
     */
    boolean hasUser(int id);

    /**
     * The session this hook runs for, where the platform says so (on X, the display in $DISPLAY). A
     * system-context AppStream script runs in session 0 and is not told whose session ended: empty there.
     */
    default java.util.Optional<Integer> sessionOfThisHook() {
        return java.util.Optional.empty();
    }
}
