package dev.sessionrecorder.core.activity;

import java.time.Instant;

/** What the timeline journals. Titles here are already bounded, escaped and redacted by {@link TitlePolicy}. */
public sealed interface ActivityEvent {

    /** When it happened (not when it was noticed, where the two can be told apart). */
    Instant at();

    /** The journal's event type: "focus", "idle" or "active". */
    String type();

    /**
     * The foreground window changed (another window, another app, or a new title). {@code app} is
     * {@link #NO_WINDOW} with pid 0 and an empty title when nothing has the focus.
     */
    record Focus(Instant at, String app, long pid, String title) implements ActivityEvent {
        public static final String NO_WINDOW = "(none)";

        @Override
        public String type() {
            return "focus";
        }
    }

    /** No keyboard or mouse input for the idle threshold; {@code at} is when the threshold was crossed. */
    record Idle(Instant at) implements ActivityEvent {
        @Override
        public String type() {
            return "idle";
        }
    }

    /** Input came again after an {@link Idle}; {@code at} is when that input happened. */
    record Active(Instant at) implements ActivityEvent {
        @Override
        public String type() {
            return "active";
        }
    }
}
