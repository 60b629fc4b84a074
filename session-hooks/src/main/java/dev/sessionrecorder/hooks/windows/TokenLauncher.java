package dev.sessionrecorder.hooks.windows;

import dev.sessionrecorder.hooks.Launched;
import dev.sessionrecorder.hooks.SessionLauncher;
import dev.sessionrecorder.hooks.UserSession;
import dev.sessionrecorder.hooks.windows.Win32Launch.Handle;
import dev.sessionrecorder.hooks.windows.Win32Launch.Win32Exception;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Starts the recorder as LocalSystem inside the user's session, without PsExec: enable the privileges
 * the token steps need, take our own SYSTEM token, duplicate it as a primary token, move the copy into
 * the user's session, and create the process with it on that session's interactive desktop. Running as
 * SYSTEM (not as the user) keeps the recorder out of the user's reach: the user cannot kill it or read
 * its spool.
 *
 * <p>The recorder's stdout and stderr are appended to the launch log, so a bad config or missing natives,
 * reported before the recorder's own log exists, is not lost; stdin is NUL. Only those handles are
 * inherited (an explicit handle list): the hook's own stdout is a pipe AppStream reads until every holder
 * closes it, and a recorder holding it would keep the script "running" for the whole session. The log
 * and NUL handles are inheritable only from their opening to the end of the launch; the hook starts no
 * other process meanwhile, so nothing else can pick them up.
 * Every handle, the environment block and the attribute list are released on every path.
 */
final class TokenLauncher implements SessionLauncher {
    static final String DESKTOP = "winsta0\\default";
    /** SetTokenInformation(TokenSessionId) needs SeTcb; CreateProcessAsUser needs the other two. */
    static final List<String> PRIVILEGES = List.of("SeTcbPrivilege", "SeAssignPrimaryTokenPrivilege", "SeIncreaseQuotaPrivilege");
    static final String RUN_AS_SYSTEM = "the hook must run as SYSTEM (\"context\": \"system\" for SessionStart in "
            + "C:\\AppStream\\SessionScripts\\config.json)";
    static final String BROKE_AWAY = "outside any job of the hook (CREATE_BREAKAWAY_FROM_JOB accepted)";
    static final String STAYS_IN_JOB = "the hook's job does not allow breakaway: the recorder stays in the hook's job "
            + "and ends if that job is closed";
    private static final Logger log = LoggerFactory.getLogger(TokenLauncher.class);
    private final Win32Launch win32;

    TokenLauncher(Win32Launch win32) {
        this.win32 = win32;
    }

    /**
     * {@code environment} is not applied: the child gets the SYSTEM profile's environment block, which is
     * what a service-started recorder needs.
     */
    @Override
    public void launch(UserSession session, List<String> command, Map<String, String> environment, Path log) throws IOException {
        start(session, command, environment, log);
    }

    @Override
    public Launched start(UserSession session, List<String> command, Map<String, String> environment, Path logFile) throws IOException {
        Deque<Runnable> release = new ArrayDeque<>();
        try {
            Handle own = win32.openProcessToken();
            release.push(() -> win32.closeHandle(own));
            for (String privilege : PRIVILEGES) {
                enable(own, privilege, session.id());
            }
            Handle primary = win32.duplicateAsPrimary(own);
            release.push(() -> win32.closeHandle(primary));
            win32.setSessionId(primary, session.id());
            Handle env = win32.createEnvironmentBlock(primary);
            release.push(() -> win32.destroyEnvironmentBlock(env));
            Handle nul = win32.openNul();
            release.push(() -> win32.closeHandle(nul));
            Handle out = nul;
            String output = "appended to " + logFile;
            try {
                Handle opened = win32.openForAppend(logFile.toAbsolutePath().toString());
                release.push(() -> win32.closeHandle(opened));
                out = opened;
            } catch (Win32Exception e) {
                // Losing the recorder's early output is bad; losing the recording over it would be worse.
                output = "discarded: " + e.getMessage() + "; check that the logs folder of recorder.json exists";
            }
            Handle list = win32.createHandleList(out == nul ? List.of(nul) : List.of(nul, out));
            release.push(() -> win32.deleteHandleList(list));
            Win32Launch.StdHandles std = new Win32Launch.StdHandles(nul, out, out);
            String commandLine = WindowsCommandLine.join(command);
            String workingDir = Path.of(command.get(0)).toAbsolutePath().getParent().toString();
            long pid;
            String placement;
            try {
                pid = win32.createProcessAsUser(primary, commandLine, env, workingDir, DESKTOP, std, list, true);
                placement = BROKE_AWAY;
            } catch (Win32Exception e) {
                // A job without JOB_OBJECT_LIMIT_BREAKAWAY_OK refuses the flag with ERROR_ACCESS_DENIED; then
                // recording inside the job beats not recording.
                if (e.error() != WinError.ACCESS_DENIED) {
                    throw e;
                }
                try {
                    pid = win32.createProcessAsUser(primary, commandLine, env, workingDir, DESKTOP, std, list, false);
                } catch (Win32Exception again) {
                    throw new Win32Exception("CreateProcessAsUser (with CREATE_BREAKAWAY_FROM_JOB: " + WinError.describe(e.error())
                            + "; without it)", again.error());
                }
                placement = STAYS_IN_JOB;
            }
            Launched launched = new Launched(pid, output, placement);
            log.info("Started the recorder as SYSTEM in session {} of {}: {}", session.id(), session.user(), launched.describe());
            return launched;
        } catch (Win32Exception e) {
            throw new IOException("could not start the recorder in session " + session.id() + ": " + e.getMessage()
                    + (e.error() == WinError.PRIVILEGE_NOT_HELD ? "; " + RUN_AS_SYSTEM : ""), e);
        } finally {
            while (!release.isEmpty()) {
                release.pop().run();
            }
        }
    }

    private void enable(Handle token, String privilege, int sessionId) throws IOException {
        try {
            win32.enablePrivilege(token, privilege);
        } catch (Win32Exception e) {
            throw new IOException("could not start the recorder in session " + sessionId + ": " + privilege + " cannot be enabled ("
                    + e.getMessage() + "); " + RUN_AS_SYSTEM, e);
        }
    }
}
