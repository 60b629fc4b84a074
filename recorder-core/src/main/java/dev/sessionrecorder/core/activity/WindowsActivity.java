package dev.sessionrecorder.core.activity;

import java.time.Duration;
import java.util.HashSet;
import java.util.Optional;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The foreground window and idle time of the Windows session this process runs in. GetForegroundWindow
 * and GetLastInputInfo answer for the caller's own session and desktop, so the recorder, which runs as
 * SYSTEM inside the user's session on WinSta0\Default, sees the user's desktop.
 */
final class WindowsActivity implements ActivitySource {
    private static final Logger log = LoggerFactory.getLogger(WindowsActivity.class);

    private final Win32Activity win32;
    private final Set<Integer> reportedErrors = new HashSet<>();

    WindowsActivity(Win32Activity win32) {
        this.win32 = win32;
    }

    @Override
    public ActivitySample sample() {
        return new ActivitySample(foreground(), idle());
    }

    private Optional<Foreground> foreground() {
        long hwnd = win32.foregroundWindow();
        if (hwnd == 0) {
            return Optional.empty();
        }
        int pid = win32.processId(hwnd);
        if (pid == 0) {
            return Optional.empty(); // closed between the two calls
        }
        return Optional.of(new Foreground(hwnd, app(pid), Integer.toUnsignedLong(pid), win32.windowText(hwnd, TitlePolicy.READ_LIMIT)));
    }

    /**
     * The image file name. Elevated and protected processes (Task Manager, an elevated regedit, some
     * antivirus) refuse even PROCESS_QUERY_LIMITED_INFORMATION to some callers: that is "unknown", never a crash.
     */
    private String app(int pid) {
        try {
            String path = win32.processImagePath(pid);
            String name = path.substring(path.lastIndexOf('\\') + 1);
            return name.isEmpty() ? Foreground.UNKNOWN : name;
        } catch (Win32Activity.Win32Failure e) {
            if (reportedErrors.add(e.code())) { // once per code: a foreground app that stays denied must not flood the log
                log.info("Foreground process {} cannot be named ({}); recorded as \"unknown\"", pid, e.getMessage());
            }
            return Foreground.UNKNOWN;
        }
    }

    /** Unsigned 32-bit difference, so the wrap of the tick count at 49.7 days yields the right idle time, not a negative one. */
    private Optional<Duration> idle() {
        try {
            int last = win32.lastInputTick();
            return Optional.of(Duration.ofMillis(Integer.toUnsignedLong(win32.tickCount() - last)));
        } catch (Win32Activity.Win32Failure e) {
            return Optional.empty();
        }
    }

    @Override
    public void close() {
        // nothing held: handles are opened and closed within each call
    }
}
