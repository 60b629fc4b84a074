package dev.sessionrecorder.core.activity;

/**
 * The window that receives keyboard input.
 *
 * @param window the platform's window id (HWND, X window); it tells apart two windows of one app with one title
 * @param app    the process image file name ({@code regedit.exe}, {@code xterm}); {@link #UNKNOWN} when the process
 *               cannot be asked (elevated or protected on Windows, no {@code _NET_WM_PID} on X11)
 * @param pid    its process id, 0 when not known
 * @param title  the window title as the platform reports it, unbounded and unsanitised: {@link TitlePolicy} makes it safe
 */
public record Foreground(long window, String app, long pid, String title) {
    public static final String UNKNOWN = "unknown";
}
