package dev.sessionrecorder.core.display;

import dev.sessionrecorder.core.capture.CaptureException;
import dev.sessionrecorder.core.capture.CaptureSpec;

/** The platform's display implementations: Win32 on Windows, xcb on $DISPLAY elsewhere. */
public final class Displays {
    private static final boolean WINDOWS = System.getProperty("os.name", "").toLowerCase().startsWith("windows");

    private Displays() {}

    public static DisplayTopology topology() throws CaptureException {
        return WINDOWS ? new WindowsTopology(new JnaWin32Display()) : new XcbTopology(CaptureSpec.x11Display());
    }

    public static SecureDesktop secureDesktop() {
        return WINDOWS ? new WindowsSecureDesktop(new JnaWin32Display()) : SecureDesktop.NONE;
    }

    /** For tests of the Windows logic with a fake Win32 layer. */
    public static DisplayTopology windowsTopology(Win32Display win32) {
        return new WindowsTopology(win32);
    }

    public static SecureDesktop windowsSecureDesktop(Win32Display win32) {
        return new WindowsSecureDesktop(win32);
    }
}
