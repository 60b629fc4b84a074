package dev.sessionrecorder.hooks.windows;

import dev.sessionrecorder.hooks.SessionLauncher;
import dev.sessionrecorder.hooks.UserSession;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Starts the recorder as LocalSystem inside the user's session, without PsExec: take our own SYSTEM
 * token, duplicate it as a primary token, move the copy into the user's session, and create the process
 * with it on that session's interactive desktop. Running as SYSTEM (not as the user) keeps the recorder
 * out of the user's reach: the user cannot kill it or read its spool. Handles and the environment block
 * are released on every path, including failures part-way.
 */
final class TokenLauncher implements SessionLauncher {
    static final String DESKTOP = "winsta0\\default";
    private static final Logger log = LoggerFactory.getLogger(TokenLauncher.class);
    private final Win32Launch win32;

    TokenLauncher(Win32Launch win32) {
        this.win32 = win32;
    }

    /**
     * {@code environment} is not applied: the child gets the SYSTEM profile's environment block, which is
     * what a service-started recorder needs. Output goes to the recorder's own rolling log, so {@code log}
     * is only named in messages.
     */
    @Override
    public void launch(UserSession session, List<String> command, Map<String, String> environment, Path log) throws IOException {
        Win32Launch.Handle own = null;
        Win32Launch.Handle primary = null;
        Win32Launch.Handle env = null;
        try {
            own = win32.openProcessToken();
            primary = win32.duplicateAsPrimary(own);
            win32.setSessionId(primary, session.id());
            env = win32.createEnvironmentBlock(primary);
            long pid = win32.createProcessAsUser(primary, WindowsCommandLine.join(command), env,
                    Path.of(command.get(0)).toAbsolutePath().getParent().toString(), DESKTOP);
            TokenLauncher.log.info("Started the recorder as SYSTEM in session {} of {} (pid {})", session.id(), session.user(), pid);
        } catch (Win32Launch.Win32Exception e) {
            throw new IOException("could not start the recorder in session " + session.id() + ": " + e.getMessage(), e);
        } finally {
            if (env != null) {
                win32.destroyEnvironmentBlock(env);
            }
            if (primary != null) {
                win32.closeHandle(primary);
            }
            if (own != null) {
                win32.closeHandle(own);
            }
        }
    }
}
