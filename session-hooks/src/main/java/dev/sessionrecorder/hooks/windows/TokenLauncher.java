package dev.sessionrecorder.hooks.windows;

import dev.sessionrecorder.hooks.Launched;
import dev.sessionrecorder.hooks.SessionLauncher;
import dev.sessionrecorder.hooks.UserSession;
import dev.sessionrecorder.hooks.windows.Win32Launch.Handle;
import dev.sessionrecorder.hooks.windows.Win32Launch.Inherited;
import dev.sessionrecorder.hooks.windows.Win32Launch.StdHandles;
import dev.sessionrecorder.hooks.windows.Win32Launch.Win32Exception;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
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
 *
 * <p>Inheriting from session 0 into the user's session is what CreateProcess's documentation warns
 * against ("you cannot inherit handles across sessions"), so it is attempted, not relied on: see
 * {@link #create}. Every handle, the environment block and the attribute list are released on every path.
 */
final class TokenLauncher implements SessionLauncher {
    static final String DESKTOP = "winsta0\\default";
    /** SetTokenInformation(TokenSessionId) needs it: without it the recorder cannot be put in the user's session. */
    static final String TCB = "SeTcbPrivilege";
    /**
     * CreateProcessAsUser needs these and, per its documentation, enables them itself for the call when the
     * caller's token holds them; so failing to enable them first is a warning, and a token that truly lacks
     * them fails CreateProcessAsUser with ERROR_PRIVILEGE_NOT_HELD, reported with {@link #RUN_AS_SYSTEM}.
     */
    static final List<String> CREATE_PROCESS_PRIVILEGES = List.of("SeAssignPrimaryTokenPrivilege", "SeIncreaseQuotaPrivilege");
    static final String RUN_AS_SYSTEM = "the hook must run as SYSTEM (\"context\": \"system\" for SessionStart in "
            + "C:\\AppStream\\SessionScripts\\config.json)";
    static final String BROKE_AWAY = "outside any job of the hook (CREATE_BREAKAWAY_FROM_JOB accepted)";
    static final String STAYS_IN_JOB = "the hook's job does not allow breakaway: the recorder stays in the hook's job "
            + "and ends if that job is closed";
    static final String NOT_INHERITED = "CreateProcessAsUser refused to let the recorder inherit the launch log as "
            + "stdout/stderr, so it runs without them and errors before its own log opens are lost";
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
            enableTcb(own, session.id());
            List<String> warnings = new ArrayList<>();
            for (String privilege : CREATE_PROCESS_PRIVILEGES) {
                try {
                    win32.enablePrivilege(own, privilege);
                } catch (Win32Exception e) {
                    warnings.add(privilege + " is not enabled (" + e.getMessage() + "); CreateProcessAsUser enables it "
                            + "itself if the hook's token holds it");
                    log.warn("{}", warnings.get(warnings.size() - 1));
                }
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
            // Distinct handles only: UpdateProcThreadAttribute rejects a repeated one.
            Handle list = win32.createHandleList(out == nul ? List.of(nul) : List.of(nul, out));
            release.push(() -> win32.deleteHandleList(list));
            Inherited inherited = new Inherited(new StdHandles(nul, out, out), list);
            Started started = create(session, command, primary, env, inherited, warnings);
            if (!started.inherit()) {
                // Only the inheriting tries explain the lost output; a later breakaway refusal is in the placement.
                List<Failure> why = started.failures().stream().filter(Failure::inherit).toList();
                output = (output.startsWith("discarded: ") ? output + "; and " : "discarded: ") + NOT_INHERITED + " ("
                        + Failure.describe(why) + ")";
            }
            Launched launched = new Launched(started.pid(), output, started.breakaway() ? BROKE_AWAY : STAYS_IN_JOB, warnings);
            log.info("Started the recorder as SYSTEM in session {} of {}: {}", session.id(), session.user(), launched.describe());
            return launched;
        } catch (Win32Exception e) {
            throw new IOException(failed(session) + e.getMessage()
                    + (e.error() == WinError.PRIVILEGE_NOT_HELD ? "; " + RUN_AS_SYSTEM : ""), e);
        } finally {
            while (!release.isEmpty()) {
                release.pop().run();
            }
        }
    }

    /** A CreateProcessAsUser try that Windows refused with {@code error}. */
    record Failure(boolean inherit, boolean breakaway, int error) {
        String describe() {
            return (inherit ? "inheriting the launch log" : "inheriting nothing") + (breakaway ? ", with" : ", without")
                    + " CREATE_BREAKAWAY_FROM_JOB: " + WinError.describe(error);
        }

        static String describe(List<Failure> failures) {
            return failures.stream().map(Failure::describe).collect(Collectors.joining("; "));
        }
    }

    /** The try that worked, after {@code failures}. */
    record Started(long pid, boolean inherit, boolean breakaway, List<Failure> failures) {}

    /**
     * Tries at most four combinations, best first, and keeps every failure's code:
     * <ol>
     *   <li>inheriting, breaking away: what we want;
     *   <li>inheriting, in the job: only after ERROR_ACCESS_DENIED, the documented refusal of a job that
     *       forbids breakaway (another code says nothing about breakaway, so this try would fail the same);
     *   <li>inheriting nothing, breaking away: after any failure above, since cross-session inheritance is
     *       unproven and its failure code undocumented (a 5 from step 1 may have been inheritance, not the job);
     *   <li>inheriting nothing, in the job: again only after ERROR_ACCESS_DENIED.
     * </ol>
     * The likely cases take one or two calls: all is well, or AppStream's job forbids breakaway.
     */
    private Started create(UserSession session, List<String> command, Handle primary, Handle env, Inherited inherited,
            List<String> warnings) throws IOException {
        String commandLine = WindowsCommandLine.join(command);
        String workingDir = Path.of(command.get(0)).toAbsolutePath().getParent().toString();
        List<Failure> failures = new ArrayList<>();
        for (boolean inherit : new boolean[] {true, false}) {
            for (boolean breakaway : new boolean[] {true, false}) {
                try {
                    long pid = win32.createProcessAsUser(primary, commandLine, env, workingDir, DESKTOP, inherit ? inherited : null,
                            breakaway);
                    return new Started(pid, inherit, breakaway, List.copyOf(failures));
                } catch (Win32Exception e) {
                    failures.add(new Failure(inherit, breakaway, e.error()));
                    if (!breakaway || e.error() != WinError.ACCESS_DENIED) {
                        break;
                    }
                }
            }
        }
        int last = failures.get(failures.size() - 1).error();
        throw new IOException(failed(session) + "CreateProcessAsUser failed on every attempt ("
                + Failure.describe(failures) + ")" + fix(last, command.get(0), warnings));
    }

    /** What to do about the last CreateProcessAsUser error, as "; ..." (empty when there is nothing to suggest). */
    private static String fix(int error, String program, List<String> warnings) {
        return switch (error) {
            case WinError.PRIVILEGE_NOT_HELD -> "; CreateProcessAsUser needs " + String.join(" and ", CREATE_PROCESS_PRIVILEGES)
                    + (warnings.isEmpty() ? "" : " (" + String.join("; ", warnings) + ")") + "; " + RUN_AS_SYSTEM;
            case WinError.FILE_NOT_FOUND, WinError.PATH_NOT_FOUND -> "; check that " + program + " exists";
            case WinError.ACCESS_DENIED -> "; check that SYSTEM may read and execute " + program;
            default -> "";
        };
    }

    private void enableTcb(Handle token, int sessionId) throws IOException {
        try {
            win32.enablePrivilege(token, TCB);
        } catch (Win32Exception e) {
            throw new IOException(failed(sessionId) + TCB + " cannot be enabled (" + e.getMessage() + "); " + RUN_AS_SYSTEM, e);
        }
    }

    private static String failed(UserSession session) {
        return failed(session.id());
    }

    private static String failed(int sessionId) {
        return "could not start the recorder in session " + sessionId + ": ";
    }
}
