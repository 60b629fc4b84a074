package dev.sessionrecorder.core.display;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.sessionrecorder.devkit.XvncDisplay;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The X11 topology against a real Xvnc server, resized and split into monitors with xrandr. */
class XcbTopologyTest {
    @TempDir
    Path dir;

    @Test
    void followsResizesAndVirtualMonitors() throws Exception {
        try (XvncDisplay x = XvncDisplay.start(1280, 720, dir.resolve("xvnc.log"));
             XcbTopology topology = new XcbTopology(x.display())) {
            Topology t = topology.current();
            assertThat(t.virtualScreen()).isEqualTo(new Rect(0, 0, 1280, 720));
            assertThat(t.monitors()).hasSize(1);
            assertThat(t.monitors().get(0).bounds()).isEqualTo(new Rect(0, 0, 1280, 720));

            assertThat(x.run("xrandr", "-s", "1024x768")).isZero();
            assertThat(topology.current().virtualScreen()).isEqualTo(new Rect(0, 0, 1024, 768));

            assertThat(x.run("xrandr", "--fb", "2560x1080")).isZero();
            assertThat(x.run("xrandr", "--setmonitor", "LEFT", "1280/338x1080/285+0+0", "none")).isZero();
            assertThat(x.run("xrandr", "--setmonitor", "RIGHT", "1280/338x1080/285+1280+0", "none")).isZero();
            Topology split = topology.current();
            assertThat(split.virtualScreen()).isEqualTo(new Rect(0, 0, 2560, 1080));
            assertThat(split.monitors()).extracting(Monitor::name, Monitor::bounds).contains(
                    org.assertj.core.groups.Tuple.tuple("LEFT", new Rect(0, 0, 1280, 1080)),
                    org.assertj.core.groups.Tuple.tuple("RIGHT", new Rect(1280, 0, 1280, 1080)));
            assertThat(split.differsFrom(t)).isTrue();
            assertThat(split.differsFrom(topology.current())).isFalse();
        }
    }

    @Test
    void serverWithoutRandrReportsTheRootWindowAsOneMonitor() throws Exception {
        assumeTrue(XvncDisplay.onPath("Xvfb"), "Xvfb is not installed; skipping the no-RandR case");
        Path log = dir.resolve("xvfb.log");
        int n = 188;
        Process xvfb = new ProcessBuilder("Xvfb", ":" + n, "-screen", "0", "1024x768x24", "-extension", "RANDR", "-nolisten", "tcp")
                .redirectErrorStream(true).redirectOutput(log.toFile()).start();
        try (XcbTopology topology = new XcbTopology(":" + n)) {
            Topology t = null;
            for (int i = 0; i < 100 && t == null; i++) {
                try {
                    t = topology.current();
                } catch (DisplayTopology.TopologyException e) {
                    Thread.sleep(100); // server still starting
                }
            }
            assertThat(t).isNotNull();
            assertThat(t.virtualScreen()).isEqualTo(new Rect(0, 0, 1024, 768));
            assertThat(t.monitors()).extracting(Monitor::bounds).containsExactly(new Rect(0, 0, 1024, 768));
            assertThat(topology.current()).as("the connection survives the check").isEqualTo(t);
        } finally {
            xvfb.destroy();
            xvfb.waitFor();
        }
    }

    @Test
    void missingDisplayIsAnErrorNotACrash() {
        try (XcbTopology topology = new XcbTopology(":199")) {
            assertThatThrownBy(topology::current).isInstanceOf(DisplayTopology.TopologyException.class)
                    .hasMessageContaining(":199");
        }
    }
}
