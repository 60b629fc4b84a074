package dev.sessionrecorder.core.session;

import java.util.Optional;

/**
 * Whether the user session this recorder records still has its user. A recorder the hooks started runs
 * as SYSTEM, which a logoff does not end, and on a multi-session instance the SessionTermination hook
 * cannot tell whose session ended; so the recorder watches its own session and ends with it.
 */
public interface UserPresence {
    /** Empty while the user is there; otherwise why not ("session 3 has no user logged on"). */
    Optional<String> absence();

    /** The platform's: the Windows session this process runs in, or the X display in $DISPLAY. */
    static UserPresence forThisProcess() {
        return System.getProperty("os.name", "").toLowerCase(java.util.Locale.ROOT).startsWith("windows")
                ? new WindowsUserPresence(new WindowsUserPresence.JnaSessions()) : new X11UserPresence(System.getenv("DISPLAY"));
    }
}
