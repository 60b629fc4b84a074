package dev.sessionrecorder.core.cli;

/** Exit codes of the {@code recorder} command; scripts and the session hooks rely on them. */
public final class ExitCodes {
    /** Done: for record and stop, everything recorded is confirmed in S3. */
    public static final int OK = 0;
    /** Unexpected failure; see the log. */
    public static final int FAILURE = 1;
    /** Bad configuration or command line; nothing was started. */
    public static final int BAD_CONFIG = 2;
    /** record: another recorder already answers in this slot, or holds this session id. */
    public static final int ALREADY_RUNNING = 3;
    /** Stopped, but chunks are still in the local spool (S3 unreachable); the next run uploads them. */
    public static final int NOT_DRAINED = 4;
    /** No recorder is running (stop/status). */
    public static final int NOT_RUNNING = 5;
    /** The recorder did not answer in time (stop/status). */
    public static final int TIMEOUT = 6;

    private ExitCodes() {}

    static final String HELP = """
            Exit codes:
              0  done; for record and stop: everything recorded is confirmed in S3
              1  unexpected failure (see the log)
              2  bad configuration or command line; nothing was started
              3  record: another recorder already runs in this slot or records this session id
              4  stopped, but chunks remain in the local spool; the next run uploads them
              5  no recorder is running
              6  the recorder did not answer in time""";
}
