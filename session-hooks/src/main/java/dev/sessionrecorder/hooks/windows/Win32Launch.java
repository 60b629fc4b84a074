package dev.sessionrecorder.hooks.windows;

/**
 * The Win32 calls that start a process as SYSTEM inside a user's session, as a small interface:
 * {@link JnaWin32Launch} for real, a fake in tests that records the order of calls and can fail any step.
 * Every method throws {@link Win32Exception} naming the call and GetLastError().
 */
public interface Win32Launch {
    /** An opaque handle (HANDLE or a pointer such as the environment block). */
    record Handle(long value) {}

    /** OpenProcessToken(GetCurrentProcess(), TOKEN_DUPLICATE | TOKEN_QUERY | TOKEN_ASSIGN_PRIMARY | TOKEN_ADJUST_SESSIONID | TOKEN_ADJUST_DEFAULT). */
    Handle openProcessToken();

    /** DuplicateTokenEx(token, MAXIMUM_ALLOWED, null, SecurityImpersonation, TokenPrimary). */
    Handle duplicateAsPrimary(Handle token);

    /** SetTokenInformation(token, TokenSessionId, sessionId): the copy now belongs to the user's session. */
    void setSessionId(Handle token, int sessionId);

    /** CreateEnvironmentBlock(&env, token, FALSE). */
    Handle createEnvironmentBlock(Handle token);

    void destroyEnvironmentBlock(Handle environment);

    /**
     * CreateProcessAsUser(token, null, commandLine, ..., CREATE_UNICODE_ENVIRONMENT | CREATE_NO_WINDOW |
     * BELOW_NORMAL_PRIORITY_CLASS, environment, workingDir, STARTUPINFO{lpDesktop = desktop}); closes the
     * returned process and thread handles; returns the process id.
     */
    long createProcessAsUser(Handle token, String commandLine, Handle environment, String workingDir, String desktop);

    void closeHandle(Handle handle);

    /** A failed Win32 call. */
    final class Win32Exception extends RuntimeException {
        private static final long serialVersionUID = 1L;

        public Win32Exception(String call, int lastError) {
            super(call + " failed with Windows error " + lastError);
        }
    }
}
