package dev.sessionrecorder.hooks;

/** Exit codes of the hooks. AppStream shows the user an error for non-zero, but the session goes on. */
final class HookExit {
    static final int OK = 0;
    /** The recorder could not be started, or not everything reached S3 within the budget. */
    static final int FAILED = 1;
    static final int BAD_CONFIG = 2;
    /** No active user session appeared within --wait-seconds. */
    static final int NO_SESSION = 3;

    static final String HELP = """
            Exit codes:
              0  session-start: recording; session-end: everything recorded is in S3
              1  session-start: the recorder did not start capturing; session-end: chunks are left (named in the summary)
              2  bad configuration or command line
              3  session-start: no active user session appeared in time""";

    private HookExit() {}
}
