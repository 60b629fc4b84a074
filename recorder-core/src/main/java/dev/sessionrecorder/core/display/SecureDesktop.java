package dev.sessionrecorder.core.display;

/**
 * Whether the input desktop is a secure one (UAC prompt, lock screen, Ctrl-Alt-Del) that cannot be
 * captured. Capture pauses while it is shown, and the pause is recorded as a gap.
 */
@FunctionalInterface
public interface SecureDesktop {
    /** Platforms without a secure desktop (X11). */
    SecureDesktop NONE = () -> false;

    boolean active();
}
