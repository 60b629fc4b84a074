package dev.sessionrecorder.core.activity;

import java.time.Duration;
import java.util.Optional;

/**
 * One poll of an {@link ActivitySource}.
 *
 * @param foreground empty when no window has the focus: the bare desktop, or a secure desktop (UAC, lock screen)
 * @param idle       time since the last keyboard or mouse input; empty when the platform cannot tell
 *                   (an X server without MIT-SCREEN-SAVER), in which case no idle or active events are made
 */
public record ActivitySample(Optional<Foreground> foreground, Optional<Duration> idle) {}
