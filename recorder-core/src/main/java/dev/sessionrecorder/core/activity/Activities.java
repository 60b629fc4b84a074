package dev.sessionrecorder.core.activity;

import dev.sessionrecorder.core.capture.CaptureException;
import dev.sessionrecorder.core.capture.CaptureSpec;

/** The platform's activity source: Win32 on Windows, xcb on the recorded X display elsewhere. */
public final class Activities {
    private static final boolean WINDOWS = System.getProperty("os.name", "").toLowerCase().startsWith("windows");

    private Activities() {}

    /** What is in front of the user of the display this recorder captures. */
    public static ActivitySource source() throws CaptureException {
        return WINDOWS ? new WindowsActivity(new JnaWin32Activity()) : new XcbActivity(CaptureSpec.x11Display());
    }

    /** What is in front of the user of X display {@code display} (":3"). */
    public static ActivitySource x11(String display) {
        return new XcbActivity(display);
    }

    /** For tests of the Windows logic with a fake Win32 layer. */
    public static ActivitySource windows(Win32Activity win32) {
        return new WindowsActivity(win32);
    }
}
