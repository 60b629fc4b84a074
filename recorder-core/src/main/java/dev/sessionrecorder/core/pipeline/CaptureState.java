package dev.sessionrecorder.core.pipeline;

import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Locale;

/** What the capture loop is doing, as {@code recorder status} reports it. */
public enum CaptureState {
    /** Started, no frame yet. */
    STARTING,
    /** Frames are being encoded into a chunk. */
    CAPTURING,
    /** The screen cannot be opened (no display, resolution change in progress); retrying with backoff. */
    WAITING_FOR_SCREEN,
    /** The spool reached spool.maxBytes or the disk spool.minFreeBytes; capture resumes when uploads free space. */
    PAUSED_SPOOL_FULL,
    /** A secure desktop (UAC prompt, lock screen) is shown, which cannot be captured; resumes when it ends. */
    PAUSED_SECURE_DESKTOP,
    /** Stop requested: closing the last chunk and draining to S3. */
    STOPPING,
    /** Done; the drain has ended. */
    STOPPED;

    @JsonValue
    public String label() {
        return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }
}
