package dev.sessionrecorder.hooks;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/** Starts the recorder inside the user's session, detached from the hook, which must exit within 60 s. */
@FunctionalInterface
public interface SessionLauncher {
    /** Starts the recorder; its stdout and stderr are appended to {@code log}. */
    void launch(UserSession session, List<String> command, Map<String, String> environment, Path log) throws IOException;

    /** {@link #launch}, saying what it did; launchers that know more (pid, job) override it. */
    default Launched start(UserSession session, List<String> command, Map<String, String> environment, Path log) throws IOException {
        launch(session, command, environment, log);
        return new Launched(Launched.UNKNOWN_PID, "appended to " + log, "");
    }
}
