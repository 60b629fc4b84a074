package dev.sessionrecorder.core.activity;

import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;

/**
 * Answers as Windows does: handle 0 when nothing (or a secure desktop) has the focus, pid 0 for a window
 * that is gone, ERROR_ACCESS_DENIED from OpenProcess for protected processes, ERROR_INVALID_PARAMETER for
 * exited ones, and DWORD tick counts that wrap.
 */
final class FakeWin32Activity implements Win32Activity {
    private record Window(int pid, String title) {}

    private final Map<Long, Window> windows = new HashMap<>();
    private final Map<Integer, String> images = new HashMap<>();
    private final Set<Integer> protectedPids = new HashSet<>();
    long foreground;
    int tick;
    int lastInput;
    int lastMaxChars;

    FakeWin32Activity process(int pid, String imagePath) {
        images.put(pid, imagePath);
        return this;
    }

    FakeWin32Activity protectedProcess(int pid) {
        protectedPids.add(pid);
        return this;
    }

    FakeWin32Activity window(long hwnd, int pid, String title) {
        windows.put(hwnd, new Window(pid, title));
        return this;
    }

    @Override
    public long foregroundWindow() {
        return foreground;
    }

    @Override
    public int processId(long hwnd) {
        Window w = windows.get(hwnd);
        return w == null ? 0 : w.pid();
    }

    @Override
    public String processImagePath(int pid) throws Win32Failure {
        if (protectedPids.contains(pid)) {
            throw new Win32Failure("OpenProcess", ERROR_ACCESS_DENIED);
        }
        String path = images.get(pid);
        if (path == null) {
            throw new Win32Failure("OpenProcess", ERROR_INVALID_PARAMETER);
        }
        return path;
    }

    @Override
    public String windowText(long hwnd, int maxChars) {
        lastMaxChars = maxChars;
        Window w = windows.get(hwnd);
        if (w == null) {
            return "";
        }
        return w.title().length() > maxChars ? w.title().substring(0, maxChars) : w.title();
    }

    @Override
    public int lastInputTick() {
        return lastInput;
    }

    @Override
    public int tickCount() {
        return tick;
    }
}
