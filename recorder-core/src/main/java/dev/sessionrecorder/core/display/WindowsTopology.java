package dev.sessionrecorder.core.display;

import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The Windows virtual desktop: the bounding box of all monitors, whose origin is negative when a monitor
 * sits left of or above the primary one. Made per-monitor DPI aware before the first measurement, since
 * at 150 % scaling an unaware process is told 1280x720 for a 1920x1080 screen.
 */
final class WindowsTopology implements DisplayTopology {
    private static final Logger log = LoggerFactory.getLogger(WindowsTopology.class);
    private final Win32Display win32;

    WindowsTopology(Win32Display win32) {
        this.win32 = win32;
        if (!win32.makePerMonitorDpiAware()) {
            log.info("Per-monitor DPI awareness not set by us (already set by the process manifest, or unsupported)");
        }
    }

    @Override
    public Topology current() throws TopologyException {
        Rect virtual = new Rect(win32.systemMetric(Win32Display.SM_XVIRTUALSCREEN),
                win32.systemMetric(Win32Display.SM_YVIRTUALSCREEN),
                win32.systemMetric(Win32Display.SM_CXVIRTUALSCREEN),
                win32.systemMetric(Win32Display.SM_CYVIRTUALSCREEN));
        if (virtual.width() <= 0 || virtual.height() <= 0) {
            throw new TopologyException("Windows reports no virtual screen (" + virtual + "); no desktop is attached");
        }
        List<Monitor> monitors = win32.monitors();
        if (monitors.isEmpty()) {
            monitors = List.of(new Monitor("desktop", virtual, true));
        }
        Rect union = monitors.stream().map(Monitor::bounds).reduce(Rect::union).orElse(virtual);
        if (!union.equals(virtual)) {
            // Mixed DPI without awareness reports monitors and virtual screen in different scales.
            log.warn("Monitors span {} but the virtual screen is {}: DPI awareness is probably missing", union, virtual);
        }
        return new Topology(virtual, monitors);
    }

    @Override
    public void close() {}
}
