package dev.sessionrecorder.core.activity;

/**
 * The Win32 calls the activity timeline needs, as a small interface: the real one is
 * {@link JnaWin32Activity}; tests on Linux use a fake that answers as Windows does. Window handles and
 * tick counts are passed as Windows gives them (an HWND as a long, DWORD ticks as int bit patterns).
 */
public interface Win32Activity {
    int ERROR_ACCESS_DENIED = 5;
    int ERROR_INVALID_PARAMETER = 87;

    /** GetForegroundWindow: 0 when no window has the focus (the bare desktop, a secure desktop, a window being activated). */
    long foregroundWindow();

    /** GetWindowThreadProcessId: the owning process, 0 when the window no longer exists. */
    int processId(long hwnd);

    /**
     * OpenProcess(PROCESS_QUERY_LIMITED_INFORMATION) + QueryFullProcessImageNameW: the full path of the
     * process image, e.g. {@code C:\Windows\regedit.exe}.
     *
     * @throws Win32Failure with GetLastError's code, e.g. {@link #ERROR_ACCESS_DENIED} for a protected process
     *                      or {@link #ERROR_INVALID_PARAMETER} for one that has exited
     */
    String processImagePath(int pid) throws Win32Failure;

    /** GetWindowTextLengthW + GetWindowTextW, reading at most {@code maxChars}; empty when the window has none. */
    String windowText(long hwnd, int maxChars);

    /** GetLastInputInfo's dwTime, the tick of the session's last input; throws when the call fails. */
    int lastInputTick() throws Win32Failure;

    /** GetTickCount: milliseconds since boot, wrapping to 0 after 2^32 ms (49.7 days). */
    int tickCount();

    /** A Win32 call failed; {@code code} is GetLastError() right after it. */
    final class Win32Failure extends Exception {
        private static final long serialVersionUID = 1L;
        private final int code;

        public Win32Failure(String call, int code) {
            super(call + " failed with Windows error " + code);
            this.code = code;
        }

        public int code() {
            return code;
        }
    }
}
