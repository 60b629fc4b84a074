package dev.sessionrecorder.core.display;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sessionrecorder.core.capture.CaptureSpec;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The Windows topology and secure-desktop logic against a fake Win32 layer that behaves like Windows. */
class WindowsDisplayTest {

    /**
     * Answers like Windows would: in logical pixels (physical / scale) until the process is made
     * per-monitor DPI aware, in physical pixels after.
     */
    static final class FakeWin32 implements Win32Display {
        final List<Monitor> physical;
        final double scale;
        boolean awareAllowed = true;
        boolean aware;
        Optional<String> desktop = Optional.of("Default");

        FakeWin32(double scale, Monitor... monitors) {
            this.scale = scale;
            this.physical = List.of(monitors);
        }

        private Rect seen(Rect r) {
            if (aware) {
                return r;
            }
            return new Rect((int) Math.round(r.x() / scale), (int) Math.round(r.y() / scale),
                    (int) Math.round(r.width() / scale), (int) Math.round(r.height() / scale));
        }

        @Override
        public int systemMetric(int index) {
            Rect v = seen(physical.stream().map(Monitor::bounds).reduce(Rect::union).orElse(new Rect(0, 0, 0, 0)));
            return switch (index) {
                case SM_XVIRTUALSCREEN -> v.x();
                case SM_YVIRTUALSCREEN -> v.y();
                case SM_CXVIRTUALSCREEN -> v.width();
                case SM_CYVIRTUALSCREEN -> v.height();
                case SM_CMONITORS -> physical.size();
                default -> 0;
            };
        }

        @Override
        public List<Monitor> monitors() {
            return physical.stream().map(m -> new Monitor(m.name(), seen(m.bounds()), m.primary())).toList();
        }

        @Override
        public boolean makePerMonitorDpiAware() {
            aware = awareAllowed;
            return awareAllowed;
        }

        @Override
        public Optional<String> inputDesktopName() {
            return desktop;
        }
    }

    static final Monitor LEFT = new Monitor("\\\\.\\DISPLAY2", new Rect(-1920, 0, 1920, 1080), false);
    static final Monitor PRIMARY = new Monitor("\\\\.\\DISPLAY1", new Rect(0, 0, 2560, 1440), true);
    static final Monitor ABOVE = new Monitor("\\\\.\\DISPLAY3", new Rect(0, -1080, 1920, 1080), false);

    @Test
    void virtualScreenOfThreeMonitorsWithNegativeOriginIsCapturedWhole() throws Exception {
        FakeWin32 win = new FakeWin32(1.0, LEFT, PRIMARY, ABOVE);
        Topology t = Displays.windowsTopology(win).current();

        assertThat(t.virtualScreen()).isEqualTo(new Rect(-1920, -1080, 4480, 2520));
        assertThat(t.monitors()).containsExactly(LEFT, PRIMARY, ABOVE);
        assertThat(t.monitors()).filteredOn(Monitor::primary).containsExactly(PRIMARY);
        assertThat(CaptureSpec.gdigrab(5, t.virtualScreen()).options())
                .containsEntry("offset_x", "-1920").containsEntry("offset_y", "-1080").containsEntry("video_size", "4480x2520");
    }

    @Test
    void at150PercentScalingTheProcessIsMadeDpiAwareBeforeMeasuringSoPixelsArePhysical() throws Exception {
        FakeWin32 win = new FakeWin32(1.5, new Monitor("\\\\.\\DISPLAY1", new Rect(0, 0, 1920, 1080), true));
        assertThat(win.systemMetric(Win32Display.SM_CXVIRTUALSCREEN)).as("what an unaware process is told").isEqualTo(1280);

        Topology t = Displays.windowsTopology(win).current();

        assertThat(win.aware).isTrue();
        assertThat(t.virtualScreen()).isEqualTo(new Rect(0, 0, 1920, 1080));
    }

    @Test
    void withoutAwarenessTheLayoutIsStillReported() throws Exception {
        FakeWin32 win = new FakeWin32(1.5, new Monitor("\\\\.\\DISPLAY1", new Rect(0, 0, 1920, 1080), true));
        win.awareAllowed = false;
        assertThat(Displays.windowsTopology(win).current().virtualScreen()).isEqualTo(new Rect(0, 0, 1280, 720));
    }

    @Test
    void layoutChangeIsSeenAsADifferentTopology() throws Exception {
        FakeWin32 one = new FakeWin32(1.0, PRIMARY);
        FakeWin32 two = new FakeWin32(1.0, LEFT, PRIMARY);
        assertThat(Displays.windowsTopology(two).current().differsFrom(Displays.windowsTopology(one).current())).isTrue();
    }

    @Test
    void noDesktopAttachedIsAnError() {
        FakeWin32 none = new FakeWin32(1.0);
        assertThatThrownBy(() -> Displays.windowsTopology(none).current())
                .isInstanceOf(DisplayTopology.TopologyException.class).hasMessageContaining("no virtual screen");
    }

    @Test
    void secureDesktopIsAnyInputDesktopButDefault() {
        FakeWin32 win = new FakeWin32(1.0, PRIMARY);
        SecureDesktop secure = Displays.windowsSecureDesktop(win);
        assertThat(secure.active()).isFalse();
        win.desktop = Optional.of("Winlogon");
        assertThat(secure.active()).isTrue();
        win.desktop = Optional.of("default");
        assertThat(secure.active()).isFalse();
        win.desktop = Optional.of(Win32Display.ACCESS_DENIED); // how a secure desktop looks below SYSTEM
        assertThat(secure.active()).isTrue();
        win.desktop = Optional.empty(); // cannot tell: let capture try rather than pause on a guess
        assertThat(secure.active()).isFalse();
    }
}
