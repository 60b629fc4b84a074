package dev.sessionrecorder.hooks;

/**
 * What a launch did, for session-start to print in the hook's output (which AppStream keeps).
 *
 * @param pid the recorder's process id, or -1 when the platform does not say (setsid -f)
 * @param output where the recorder's stdout and stderr go, e.g. "appended to C:\...\recorder-launch.log",
 *        or "discarded: ..." with the reason, so early failures (bad config, missing natives) are findable
 * @param placement anything about how it runs that an operator should know, e.g. whether it left the
 *        hook's job object; empty when there is nothing to say
 */
public record Launched(long pid, String output, String placement) {
    public static final long UNKNOWN_PID = -1;

    /** One line: "recorder pid 4242; output appended to ...; broke away from the hook's job". */
    public String describe() {
        return (pid == UNKNOWN_PID ? "recorder pid unknown" : "recorder pid " + pid) + "; output " + output
                + (placement.isEmpty() ? "" : "; " + placement);
    }
}
