package dev.sessionrecorder.core.activity;

import com.sun.jna.Native;
import com.sun.jna.platform.win32.Kernel32;
import com.sun.jna.platform.win32.User32;
import com.sun.jna.platform.win32.WinDef;
import com.sun.jna.platform.win32.WinNT;
import com.sun.jna.platform.win32.WinUser;
import com.sun.jna.ptr.IntByReference;

/** {@link Win32Activity} through jna-platform's User32 and Kernel32, which map every call it needs. */
final class JnaWin32Activity implements Win32Activity {
    /** Enough to ask for the image name, and granted for more processes than PROCESS_QUERY_INFORMATION. */
    private static final int PROCESS_QUERY_LIMITED_INFORMATION = 0x1000;
    /** A path can be up to 32,767 characters with the \\?\ prefix. */
    private static final int MAX_PATH_CHARS = 32_768;

    @Override
    public long foregroundWindow() {
        WinDef.HWND hwnd = User32.INSTANCE.GetForegroundWindow();
        return hwnd == null ? 0 : com.sun.jna.Pointer.nativeValue(hwnd.getPointer());
    }

    @Override
    public int processId(long hwnd) {
        IntByReference pid = new IntByReference();
        int thread = User32.INSTANCE.GetWindowThreadProcessId(handle(hwnd), pid);
        return thread == 0 ? 0 : pid.getValue();
    }

    @Override
    public String processImagePath(int pid) throws Win32Failure {
        WinNT.HANDLE process = Kernel32.INSTANCE.OpenProcess(PROCESS_QUERY_LIMITED_INFORMATION, false, pid);
        if (process == null) {
            throw new Win32Failure("OpenProcess", Native.getLastError());
        }
        try {
            char[] path = new char[MAX_PATH_CHARS];
            IntByReference size = new IntByReference(path.length);
            if (!Kernel32.INSTANCE.QueryFullProcessImageName(process, 0, path, size)) {
                throw new Win32Failure("QueryFullProcessImageNameW", Native.getLastError());
            }
            return new String(path, 0, size.getValue());
        } finally {
            Kernel32.INSTANCE.CloseHandle(process);
        }
    }

    @Override
    public String windowText(long hwnd, int maxChars) {
        WinDef.HWND h = handle(hwnd);
        // The length can grow between the two calls; the buffer bound is what keeps a hostile title small.
        int length = Math.min(User32.INSTANCE.GetWindowTextLength(h), maxChars);
        if (length <= 0) {
            return "";
        }
        char[] text = new char[length + 1];
        int copied = User32.INSTANCE.GetWindowText(h, text, text.length);
        return new String(text, 0, Math.max(0, Math.min(copied, length)));
    }

    @Override
    public int lastInputTick() throws Win32Failure {
        WinUser.LASTINPUTINFO info = new WinUser.LASTINPUTINFO();
        if (!User32.INSTANCE.GetLastInputInfo(info)) {
            throw new Win32Failure("GetLastInputInfo", Native.getLastError());
        }
        return info.dwTime;
    }

    @Override
    public int tickCount() {
        return Kernel32.INSTANCE.GetTickCount();
    }

    private static WinDef.HWND handle(long hwnd) {
        return new WinDef.HWND(new com.sun.jna.Pointer(hwnd));
    }
}
