package dev.sessionrecorder.hooks.windows;

import java.util.List;

/**
 * The Win32 calls that start a process as SYSTEM inside a user's session, as a small interface:
 * {@link JnaWin32Launch} for real, a fake in tests that records the order of calls and can fail any step.
 * Every method throws {@link Win32Exception} naming the call and the error Windows reported.
 */
public interface Win32Launch {
    /** An opaque handle (HANDLE, or a pointer such as the environment block or the attribute list). */
    record Handle(long value) {}

    /** The child's stdin, stdout and stderr (STARTF_USESTDHANDLES); stdout and stderr may be one handle. */
    record StdHandles(Handle input, Handle output, Handle error) {}

    /**
     * What the child inherits: its std handles, and the attribute list naming exactly those (from
     * {@link #createHandleList}). Passing none to {@link #createProcessAsUser} creates it inheriting nothing.
     */
    record Inherited(StdHandles std, Handle handleList) {}

    /**
     * OpenProcessToken(GetCurrentProcess(), TOKEN_DUPLICATE | TOKEN_QUERY | TOKEN_ASSIGN_PRIMARY |
     * TOKEN_ADJUST_SESSIONID | TOKEN_ADJUST_DEFAULT | TOKEN_ADJUST_PRIVILEGES).
     */
    Handle openProcessToken();

    /**
     * LookupPrivilegeValue + AdjustTokenPrivileges(SE_PRIVILEGE_ENABLED). AdjustTokenPrivileges returns
     * TRUE with ERROR_NOT_ALL_ASSIGNED (1300) when the token does not hold the privilege: that is a failure.
     */
    void enablePrivilege(Handle token, String privilege);

    /** DuplicateTokenEx(token, MAXIMUM_ALLOWED, null, SecurityImpersonation, TokenPrimary). */
    Handle duplicateAsPrimary(Handle token);

    /** SetTokenInformation(token, TokenSessionId, sessionId): the copy now belongs to the user's session. */
    void setSessionId(Handle token, int sessionId);

    /** CreateEnvironmentBlock(&env, token, FALSE). */
    Handle createEnvironmentBlock(Handle token);

    void destroyEnvironmentBlock(Handle environment);

    /**
     * CreateFile(path, FILE_APPEND_DATA, share read|write|delete, inheritable, OPEN_ALWAYS): every write
     * lands at the end, and the recorder's own log rotation may rename or delete the file meanwhile.
     */
    Handle openForAppend(String path);

    /**
     * CreateFile("NUL", GENERIC_READ | GENERIC_WRITE, share read|write, inheritable, OPEN_EXISTING): an empty
     * stdin, and the stdout/stderr when the launch log cannot be opened (read-only, every write would fail).
     */
    Handle openNul();

    /**
     * InitializeProcThreadAttributeList + UpdateProcThreadAttribute(PROC_THREAD_ATTRIBUTE_HANDLE_LIST,
     * handles): a child created with it inherits these handles and no others, whatever else is inheritable.
     * The handles must be inheritable and distinct. Release with {@link #deleteHandleList}.
     */
    Handle createHandleList(List<Handle> handles);

    /** DeleteProcThreadAttributeList and free its memory (which also holds the handle array). */
    void deleteHandleList(Handle list);

    /**
     * CreateProcessAsUser(token, null, commandLine, null, null, bInheritHandles, CREATE_UNICODE_ENVIRONMENT |
     * CREATE_NO_WINDOW | BELOW_NORMAL_PRIORITY_CLASS [| CREATE_BREAKAWAY_FROM_JOB], environment, workingDir, si)
     * with lpDesktop = desktop. With {@code inherited}: bInheritHandles TRUE (the handle list needs it),
     * EXTENDED_STARTUPINFO_PRESENT and a STARTUPINFOEX with STARTF_USESTDHANDLES and lpAttributeList. Without
     * (null): bInheritHandles FALSE and a plain STARTUPINFO with no std handles, so the child's output goes nowhere.
     * Closes the returned process and thread handles; returns the process id. A job that forbids breakaway
     * fails it with ERROR_ACCESS_DENIED (5).
     */
    long createProcessAsUser(Handle token, String commandLine, Handle environment, String workingDir, String desktop,
            Inherited inherited, boolean breakawayFromJob);

    void closeHandle(Handle handle);

    /** A failed Win32 call; {@link #error()} is the code Windows reported. */
    final class Win32Exception extends RuntimeException {
        private static final long serialVersionUID = 1L;
        private final int error;

        public Win32Exception(String call, int error) {
            super(call + " failed with " + WinError.describe(error));
            this.error = error;
        }

        public int error() {
            return error;
        }
    }
}
