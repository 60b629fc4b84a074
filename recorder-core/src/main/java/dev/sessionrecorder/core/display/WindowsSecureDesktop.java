package dev.sessionrecorder.core.display;

import java.util.Optional;

/**
 * A secure desktop is any input desktop other than "Default" (UAC prompts and the lock screen run on
 * "Winlogon"), including one we are denied access to. When the input desktop cannot be told at all we
 * report "not secure" and let capture try: for an audit recorder a failed attempt (retried with
 * backoff) is better than pausing on a guess.
 */
final class WindowsSecureDesktop implements SecureDesktop {
    private final Win32Display win32;

    WindowsSecureDesktop(Win32Display win32) {
        this.win32 = win32;
    }

    @Override
    public boolean active() {
        Optional<String> name = win32.inputDesktopName();
        return name.isPresent() && !name.get().equalsIgnoreCase("Default");
    }
}
