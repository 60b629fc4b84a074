package dev.sessionrecorder.demo.bench;

import dev.sessionrecorder.devkit.XvncDisplay;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/** A scripted, repeatable desktop activity, played on the bench display while a pipeline records it. */
enum Workload {
    /** A still desktop: the common case between a user's actions. */
    IDLE(List.of()),
    /** Typing at human speed into an editor-like window, switching windows every 10 s. */
    OFFICE(List.of("xterm -T left -geometry 100x45+0+0 -e cat", "xterm -T right -geometry 100x45+900+100 -e cat",
            // windowfocus (XSetInputFocus), not windowactivate: the bench's Xvnc has no window manager to ask.
            "sleep 1; while :; do for w in left right; do xdotool search --name $w windowraise windowfocus; "
                    + "timeout 10 bash -c 'while :; do xdotool type --delay 180 \"The quick brown fox jumps over the lazy dog. \"; done'; done; done")),
    /** About 20 lines a second scrolling in a terminal, and its window moved twice a second. */
    BUSY(List.of("xterm -geometry 150x50+100+50 -e 'while :; do date +%T.%N; ls -l /usr/bin | shuf -n 1; sleep 0.1; done'",
            "sleep 1; while :; do xdotool search --class xterm windowmove %@ $((RANDOM % 500)) $((RANDOM % 300)); sleep 0.5; done"));

    private final List<String> scripts;

    Workload(List<String> scripts) {
        this.scripts = scripts;
    }

    String label() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }

    /** Starts the activity; close the result to stop it (and every process it started). */
    Running start(XvncDisplay x) throws IOException, InterruptedException {
        List<Process> started = new ArrayList<>();
        for (String s : scripts) {
            ProcessBuilder pb = new ProcessBuilder("bash", "-c", s).redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD);
            pb.environment().put("DISPLAY", x.display());
            started.add(pb.start());
        }
        Thread.sleep(2_000); // let windows appear before anything is measured
        return new Running(started);
    }

    record Running(List<Process> processes) implements AutoCloseable {
        @Override
        public void close() {
            for (Process p : processes) {
                p.descendants().forEach(ProcessHandle::destroy);
                p.destroy();
            }
        }
    }
}
