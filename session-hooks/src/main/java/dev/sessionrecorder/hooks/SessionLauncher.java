package dev.sessionrecorder.hooks;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/** Starts the recorder inside the user's session, detached from the hook, which must exit within 60 s. */
@FunctionalInterface
public interface SessionLauncher {
    void launch(UserSession session, List<String> command, Map<String, String> environment, Path log) throws IOException;
}
