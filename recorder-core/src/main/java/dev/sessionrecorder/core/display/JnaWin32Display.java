package dev.sessionrecorder.core.display;

import com.sun.jna.Native;
import com.sun.jna.Pointer;
import com.sun.jna.platform.win32.User32;
import com.sun.jna.platform.win32.WinDef;
import com.sun.jna.platform.win32.WinNT;
import com.sun.jna.platform.win32.WinUser;
import com.sun.jna.ptr.IntByReference;
import com.sun.jna.win32.StdCallLibrary;
import com.sun.jna.win32.W32APIOptions;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** {@link Win32Display} through JNA: jna-platform's User32 where it maps the call, a declared interface where it does not. */
final class JnaWin32Display implements Win32Display {

    /** user32 functions jna-platform does not map. */
    interface User32Ext extends StdCallLibrary {
        // JNA saves GetLastError() after every call, so Native.getLastError() gives the failure reason.
        User32Ext INSTANCE = Native.load("user32", User32Ext.class, W32APIOptions.DEFAULT_OPTIONS);

        int UOI_NAME = 2;
        int DESKTOP_READOBJECTS = 0x0001;

        boolean SetProcessDpiAwarenessContext(WinNT.HANDLE value);

        WinNT.HANDLE OpenInputDesktop(int flags, boolean inherit, int desiredAccess);

        boolean GetUserObjectInformationW(WinNT.HANDLE object, int index, char[] info, int length, IntByReference needed);

        boolean CloseDesktop(WinNT.HANDLE desktop);
    }

    private static final int ERROR_ACCESS_DENIED = 5;

    /** DPI_AWARENESS_CONTEXT_PER_MONITOR_AWARE_V2, a pseudo-handle with the value -4. */
    private static final WinNT.HANDLE PER_MONITOR_AWARE_V2 = new WinNT.HANDLE(Pointer.createConstant(-4L));

    @Override
    public int systemMetric(int index) {
        return User32.INSTANCE.GetSystemMetrics(index);
    }

    @Override
    public List<Monitor> monitors() {
        List<Monitor> out = new ArrayList<>();
        User32.INSTANCE.EnumDisplayMonitors(null, null, (WinUser.HMONITOR monitor, WinDef.HDC hdc, WinDef.RECT rect,
                WinDef.LPARAM data) -> {
            WinUser.MONITORINFOEX info = new WinUser.MONITORINFOEX();
            if (User32.INSTANCE.GetMonitorInfo(monitor, info).booleanValue()) {
                WinDef.RECT r = info.rcMonitor;
                out.add(new Monitor(Native.toString(info.szDevice), new Rect(r.left, r.top, r.right - r.left, r.bottom - r.top),
                        (info.dwFlags & WinUser.MONITORINFOF_PRIMARY) != 0));
            }
            return 1; // continue enumeration
        }, new WinDef.LPARAM(0));
        return out;
    }

    @Override
    public boolean makePerMonitorDpiAware() {
        try {
            return User32Ext.INSTANCE.SetProcessDpiAwarenessContext(PER_MONITOR_AWARE_V2);
        } catch (UnsatisfiedLinkError e) {
            return false; // before Windows 10 1703 / Server 2016 1607: the manifest must do it
        }
    }

    @Override
    public Optional<String> inputDesktopName() {
        WinNT.HANDLE desk = User32Ext.INSTANCE.OpenInputDesktop(0, false, User32Ext.DESKTOP_READOBJECTS);
        if (desk == null) {
            // Access denied is what a secure desktop looks like to a process that is not SYSTEM.
            return Native.getLastError() == ERROR_ACCESS_DENIED ? Optional.of(ACCESS_DENIED) : Optional.empty();
        }
        try {
            char[] name = new char[256];
            if (!User32Ext.INSTANCE.GetUserObjectInformationW(desk, User32Ext.UOI_NAME, name, name.length * 2, new IntByReference())) {
                return Optional.empty();
            }
            return Optional.of(Native.toString(name));
        } finally {
            User32Ext.INSTANCE.CloseDesktop(desk);
        }
    }
}
