package dev.sessionrecorder.core.display;

import java.util.List;
import java.util.Optional;

/**
 * The few Win32 calls the recorder needs to measure the desktop, as a small interface: the real one is
 * {@link JnaWin32Display}; tests on Linux use a fake. Values are whatever Windows reports to this
 * process, so they are logical (scaled) pixels until the process is per-monitor DPI aware.
 */
public interface Win32Display {
    int SM_XVIRTUALSCREEN = 76;
    int SM_YVIRTUALSCREEN = 77;
    int SM_CXVIRTUALSCREEN = 78;
    int SM_CYVIRTUALSCREEN = 79;
    int SM_CMONITORS = 80;

    /** GetSystemMetrics. */
    int systemMetric(int index);

    /** EnumDisplayMonitors + GetMonitorInfo: every monitor's rectangle, device name and primary flag. */
    List<Monitor> monitors();

    /**
     * SetProcessDpiAwarenessContext(PER_MONITOR_AWARE_V2), so the numbers above are physical pixels like the
     * ones gdigrab (itself per-monitor aware) captures. False when it could not be set (it may already be).
     */
    boolean makePerMonitorDpiAware();

    /** What {@link #inputDesktopName()} reports for an input desktop this process may not open. */
    String ACCESS_DENIED = "(access denied)";

    /**
     * Name of the desktop that receives input ("Default", or "Winlogon" for UAC and the lock screen);
     * {@link #ACCESS_DENIED} when it exists but may not be opened (a secure desktop, seen from an
     * account below SYSTEM); empty when it cannot be told for another reason.
     */
    Optional<String> inputDesktopName();
}
