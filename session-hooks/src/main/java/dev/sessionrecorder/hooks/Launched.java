package dev.sessionrecorder.hooks;

import java.util.List;

/**
 * What a launch did, for session-start to print in the hook's output (which AppStream keeps).
 *
 * @param pid the recorder's process id, or -1 when the platform does not say (setsid -f)
 * @param output where the recorder's stdout and stderr go, e.g. "appended to C:\...\recorder-launch.log",
 *        or "discarded: ..." with the reason, so early failures (bad config, missing natives) are findable
 * @param placement anything about how it runs that an operator should know, e.g. whether it left the
 *        hook's job object; empty when there is nothing to say
 * @param warnings what went wrong without stopping the launch (e.g. a privilege that could not be enabled
 *        beforehand), each one line naming the cause; empty when nothing did
 */
public record Launched(long pid, String output, String placement, List<String> warnings) {
    public static final long UNKNOWN_PID = -1;

    public Launched {
        warnings = List.copyOf(warnings);
    }

    public Launched(long pid, String output, String placement) {
        this(pid, output, placement, List.of());
    }

    /**
     * One line: "recorder pid 4242; output appended to ...; broke away from the hook's job", then
     * "; WARNING: ..." per warning, so a caller printing only this line shows them too.
     */
    public String describe() {
        StringBuilder line = new StringBuilder(pid == UNKNOWN_PID ? "recorder pid unknown" : "recorder pid " + pid)
                .append("; output ").append(output);
        if (!placement.isEmpty()) {
            line.append("; ").append(placement);
        }
        warnings.forEach(w -> line.append("; WARNING: ").append(w));
        return line.toString();
    }
}
