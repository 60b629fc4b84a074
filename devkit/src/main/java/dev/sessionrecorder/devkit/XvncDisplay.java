package dev.sessionrecorder.devkit;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A real X display: TigerVNC's Xvnc on a free display number, loopback only, no password. Unlike Xvfb
 * it can be resized with xrandr, which the resolution-change tests need.
 */
public final class XvncDisplay implements AutoCloseable {
    private final int number;
    private final Process server;
    private final List<Process> clients = new ArrayList<>();

    private XvncDisplay(int number, Process server) {
        this.number = number;
        this.server = server;
    }

    /** True when Xvnc and xrandr are installed. */
    public static boolean available() {
        return onPath("Xvnc") && onPath("xrandr");
    }

    public static XvncDisplay start(int width, int height, Path logFile) throws IOException, InterruptedException {
        if (!available()) {
            throw new IOException("Xvnc or xrandr is missing. Fix: apt-get install tigervnc-standalone-server x11-xserver-utils");
        }
        for (int n = 40; n < 140; n++) {
            if (Files.exists(Path.of("/tmp/.X11-unix/X" + n)) || Files.exists(Path.of("/tmp/.X" + n + "-lock"))) {
                continue;
            }
            Files.createDirectories(logFile.toAbsolutePath().getParent());
            Process p = new ProcessBuilder("Xvnc", ":" + n, "-geometry", width + "x" + height, "-depth", "24",
                    "-SecurityTypes", "None", "-localhost", "yes", "-rfbport", Integer.toString(5900 + n),
                    "-AlwaysShared", "-nolisten", "tcp")
                    .redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(logFile.toFile()))
                    .start();
            XvncDisplay d = new XvncDisplay(n, p);
            if (d.awaitReady()) {
                return d;
            }
            d.close();
        }
        throw new IOException("could not start Xvnc on any display :40-:139; see " + logFile);
    }

    private boolean awaitReady() throws InterruptedException, IOException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(15);
        while (System.nanoTime() < deadline) {
            if (!server.isAlive()) {
                return false;
            }
            if (Files.exists(Path.of("/tmp/.X11-unix/X" + number)) && run("xrandr", "-q") == 0) {
                return true;
            }
            Thread.sleep(100);
        }
        return false;
    }

    /** The DISPLAY value, e.g. ":41". */
    public String display() {
        return ":" + number;
    }

    /** Runs an X client against this display and waits for it (at most 30 s); returns its exit code. */
    public int run(String... command) throws IOException, InterruptedException {
        ProcessBuilder pb = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD);
        pb.environment().put("DISPLAY", display());
        Process p = pb.start();
        if (!p.waitFor(30, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            return -1;
        }
        return p.exitValue();
    }

    /**
     * Starts something that keeps the screen changing, so encoders see real motion: an xterm scrolling
     * listings when xterm is installed, else the root window cycling colours.
     */
    public Process startWorkload() throws IOException {
        String script = onPath("xterm")
                ? "xterm -geometry 140x45+20+20 -e 'while :; do date; ls -l /usr/bin | shuf -n 12; sleep 0.2; done'"
                : "while :; do for c in navy teal olive maroon; do xsetroot -solid $c; sleep 0.5; done; done";
        ProcessBuilder pb = new ProcessBuilder("bash", "-c", "exec " + (onPath("xterm") ? script : "bash -c '" + script + "'"))
                .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD);
        pb.environment().put("DISPLAY", display());
        Process p = pb.start();
        clients.add(p);
        return p;
    }

    /** Whether {@code exe} is an executable on $PATH. */
    public static boolean onPath(String exe) {
        String path = System.getenv().getOrDefault("PATH", "/usr/bin:/bin");
        for (String d : path.split(java.io.File.pathSeparator)) {
            if (Files.isExecutable(Path.of(d, exe))) {
                return true;
            }
        }
        return false;
    }

    @Override
    public void close() {
        for (Process c : clients) {
            c.descendants().forEach(ProcessHandle::destroy);
            c.destroy();
        }
        server.destroy();
        try {
            if (!server.waitFor(5, TimeUnit.SECONDS)) {
                server.destroyForcibly();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            server.destroyForcibly();
        }
    }
}
