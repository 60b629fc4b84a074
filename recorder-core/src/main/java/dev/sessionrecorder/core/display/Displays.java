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

    /** The layout of X display {@code display} (":3"), whichever $DISPLAY this process has. */
    public static DisplayTopology topology(String display) throws CaptureException {
        return new XcbTopology(display);
    }

    public static SecureDesktop secureDesktop() {
        return WINDOWS ? new WindowsSecureDesktop(new JnaWin32Display()) : SecureDesktop.NONE;
    }

    /** A layout that never changes: one monitor of {@code width} x {@code height} (a replayed file). */
    public static DisplayTopology fixed(int width, int height) {
        Rect r = new Rect(0, 0, width, height);
        Topology t = new Topology(r, java.util.List.of(new Monitor("replay", r, true)));
        return new DisplayTopology() {
            @Override
            public Topology current() {
                return t;
            }

            @Override
            public void close() {
                // nothing held
            }
        };
    }

    /** For tests of the Windows logic with a fake Win32 layer. */
    public static DisplayTopology windowsTopology(Win32Display win32) {
        return new WindowsTopology(win32);
    }

    public static SecureDesktop windowsSecureDesktop(Win32Display win32) {
        return new WindowsSecureDesktop(win32);
    }
}
