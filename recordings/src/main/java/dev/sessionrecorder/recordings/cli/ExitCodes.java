package dev.sessionrecorder.recordings.cli;

/** Exit codes of the {@code recordings} command; audit scripts rely on them. */
public final class ExitCodes {
    /** Done; for verify and fetch: the session is intact. */
    public static final int OK = 0;
    /** Unexpected failure (S3 unreachable, disk full, ...): the message says what. */
    public static final int FAILURE = 1;
    /** Bad command line or configuration: nothing was read. */
    public static final int BAD_INPUT = 2;
    /** The session is not intact: chunks missing, altered, reordered or extra, or never sealed. */
    public static final int NOT_INTACT = 3;
    /** No such session. */
    public static final int NOT_FOUND = 4;

    private ExitCodes() {}

    static final String HELP = """
            Exit codes:
              0  done; for verify and fetch: the session is intact
              1  unexpected failure (S3 unreachable, disk full, ...)
              2  bad command line or configuration
              3  the session is not intact (details printed)
              4  no such session""";
}
