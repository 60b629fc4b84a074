package dev.sessionrecorder.core.activity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assumptions.assumeThat;

import dev.sessionrecorder.devkit.XvncDisplay;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The X11 source against a real Xvnc (no window manager, so the input focus is what counts): two xterms
 * with distinct titles, focus moved and a title changed with xdotool, idle grown and reset by input.
 */
class XcbActivityTest {
    @TempDir
    Path dir;
    private final List<Process> clients = new ArrayList<>();

    @AfterEach
    void stopClients() {
        clients.forEach(Process::destroy);
    }

    @Test
    void followsFocusTitlesAndIdleOnXvnc() throws Exception {
        assumeThat(XvncDisplay.onPath("xdotool")).as("xdotool is not installed (Debian package xdotool)").isTrue();
        assumeThat(XvncDisplay.onPath("xterm")).as("xterm is not installed (Debian package xterm)").isTrue();
        try (XvncDisplay x = XvncDisplay.start(1024, 768, dir.resolve("xvnc.log"));
             XcbActivity source = new XcbActivity(x.display())) {
            String alpha = xterm(x, "alpha-term");
            String beta = xterm(x, "beta-term");

            assertThat(xdotool(x, "windowfocus", "--sync", alpha)).isZero();
            Foreground a = source.sample().foreground().orElseThrow();
            assertThat(a).extracting(Foreground::app, Foreground::title, Foreground::window)
                    .containsExactly("xterm", "alpha-term", Long.parseLong(alpha));
            assertThat(a.pid()).isEqualTo(clients.get(0).pid());

            assertThat(xdotool(x, "windowfocus", "--sync", beta)).isZero();
            assertThat(source.sample().foreground().orElseThrow())
                    .extracting(Foreground::app, Foreground::title).containsExactly("xterm", "beta-term");

            assertThat(xdotool(x, "set_window", "--name", "Grüße – ü", beta)).isZero();
            assertThat(source.sample().foreground().orElseThrow().title()).isEqualTo("Grüße – ü");

            Duration before = source.sample().idle().orElseThrow();
            Duration grown = before;
            for (long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
                 grown.toMillis() < before.toMillis() + 1_500 && System.nanoTime() < deadline; ) {
                Thread.sleep(200); // a real server's idle counter: only waiting makes it grow
                grown = source.sample().idle().orElseThrow();
            }
            assertThat(grown).isGreaterThanOrEqualTo(before.plusMillis(1_500));
            assertThat(xdotool(x, "mousemove", "200", "200")).isZero();
            assertThat(source.sample().idle().orElseThrow()).isLessThan(Duration.ofMillis(1_000));
        }
    }

    /** A window manager's word (_NET_ACTIVE_WINDOW, here set by hand) wins over the input focus; 0 means none. */
    @Test
    void followsNetActiveWindowWhenAWindowManagerSetsIt() throws Exception {
        assumeThat(XvncDisplay.onPath("xdotool") && XvncDisplay.onPath("xprop"))
                .as("xdotool or xprop is not installed (Debian packages xdotool, x11-utils)").isTrue();
        try (XvncDisplay x = XvncDisplay.start(800, 600, dir.resolve("xvnc.log"));
             XcbActivity source = new XcbActivity(x.display())) {
            String alpha = xterm(x, "alpha-term");
            String beta = xterm(x, "beta-term");
            assertThat(xdotool(x, "windowfocus", "--sync", beta)).isZero();
            assertThat(x.run("xprop", "-root", "-f", "_NET_ACTIVE_WINDOW", "32c", "-set", "_NET_ACTIVE_WINDOW", alpha)).isZero();
            assertThat(source.sample().foreground().orElseThrow().title()).isEqualTo("alpha-term");
            assertThat(x.run("xprop", "-root", "-f", "_NET_ACTIVE_WINDOW", "32c", "-set", "_NET_ACTIVE_WINDOW", "0")).isZero();
            assertThat(source.sample().foreground()).isEmpty();
        }
    }

    /** A pid is only meaningful on the client's own host: a window from another machine keeps its title, not a name. */
    @Test
    void aClientFromAnotherHostIsUnknown() throws Exception {
        assumeThat(XvncDisplay.onPath("xdotool") && XvncDisplay.onPath("xprop"))
                .as("xdotool or xprop is not installed (Debian packages xdotool, x11-utils)").isTrue();
        try (XvncDisplay x = XvncDisplay.start(800, 600, dir.resolve("xvnc.log"));
             XcbActivity source = new XcbActivity(x.display())) {
            String alpha = xterm(x, "alpha-term");
            assertThat(x.run("xprop", "-id", alpha, "-f", "WM_CLIENT_MACHINE", "8s", "-set", "WM_CLIENT_MACHINE",
                    "elsewhere.example")).isZero();
            assertThat(xdotool(x, "windowfocus", "--sync", alpha)).isZero();
            assertThat(source.sample().foreground().orElseThrow())
                    .extracting(Foreground::app, Foreground::title).containsExactly(Foreground.UNKNOWN, "alpha-term");
        }
    }

    /** Xvfb can leave out MIT-SCREEN-SAVER; asking an absent extension would make xcb close the connection. */
    @Test
    void aServerWithoutTheScreenSaverExtensionHasNoIdleTime() throws Exception {
        assumeThat(XvncDisplay.onPath("Xvfb")).as("Xvfb is not installed (Debian package xvfb)").isTrue();
        int n = 189;
        Process xvfb = new ProcessBuilder("Xvfb", ":" + n, "-screen", "0", "640x480x24", "-extension", "MIT-SCREEN-SAVER",
                "-nolisten", "tcp").redirectErrorStream(true).redirectOutput(dir.resolve("xvfb.log").toFile()).start();
        clients.add(xvfb);
        try (XcbActivity source = new XcbActivity(":" + n)) {
            ActivitySample sample = null;
            for (int i = 0; i < 100 && sample == null; i++) {
                try {
                    sample = source.sample();
                } catch (ActivitySource.ActivityException e) {
                    Thread.sleep(100); // server still starting
                }
            }
            assertThat(sample).isNotNull();
            assertThat(sample.idle()).isEmpty();
            assertThat(source.sample().foreground()).isEmpty(); // the connection is still usable
        }
    }

    @Test
    void aServerThatIsGoneIsAnExceptionNotACrash() {
        try (XcbActivity source = new XcbActivity(":239")) {
            org.assertj.core.api.Assertions.assertThatThrownBy(source::sample)
                    .isInstanceOf(ActivitySource.ActivityException.class).hasMessageContaining(":239");
        }
    }

    @Test
    void wmNameIsUtf8WhenItDecodesAsUtf8ElseLatin1() {
        assertThat(XcbActivity.text("Grüße".getBytes(StandardCharsets.UTF_8), false)).isEqualTo("Grüße");
        assertThat(XcbActivity.text("Grüße".getBytes(StandardCharsets.ISO_8859_1), false)).isEqualTo("Grüße");
        assertThat(XcbActivity.text(new byte[] {(byte) 0xff, 'a'}, true)).isEqualTo("\uFFFDa");
    }

    @Test
    void processNamesComeFromProc() throws IOException {
        XcbActivity source = new XcbActivity(":0");
        assertThat(source.processName(ProcessHandle.current().pid())).isEqualTo("java");
        assertThat(source.processName(Integer.MAX_VALUE)).isEqualTo(Foreground.UNKNOWN);
    }

    private String xterm(XvncDisplay x, String title) throws IOException, InterruptedException {
        ProcessBuilder pb = new ProcessBuilder("xterm", "-T", title, "-e", "sleep 120")
                .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD);
        pb.environment().put("DISPLAY", x.display());
        clients.add(pb.start());
        String id = output(x, "xdotool", "search", "--sync", "--name", "^" + title + "$").strip();
        return id.lines().findFirst().orElseThrow();
    }

    private int xdotool(XvncDisplay x, String... args) throws IOException, InterruptedException {
        List<String> cmd = new ArrayList<>(List.of("xdotool"));
        cmd.addAll(List.of(args));
        return x.run(cmd.toArray(String[]::new));
    }

    private static String output(XvncDisplay x, String... command) throws IOException, InterruptedException {
        ProcessBuilder pb = new ProcessBuilder(command).redirectErrorStream(true);
        pb.environment().put("DISPLAY", x.display());
        Process p = pb.start();
        byte[] out = p.getInputStream().readAllBytes();
        assertThat(p.waitFor(30, TimeUnit.SECONDS)).isTrue();
        return new String(out, StandardCharsets.UTF_8);
    }
}
