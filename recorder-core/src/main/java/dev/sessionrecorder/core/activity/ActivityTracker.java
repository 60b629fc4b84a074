package dev.sessionrecorder.core.activity;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * Turns polled samples into timeline events. Pure: the caller passes the time of each sample, so tests
 * feed a table of (time, sample) and nothing sleeps. Not thread-safe; one poller owns it.
 *
 * <p>Changes are compared after the {@link TitlePolicy}: with titles off or redacted, a title that
 * changes makes no event, so the event count itself tells nothing about the hidden text.
 */
public final class ActivityTracker {
    private final TitlePolicy titles;
    private final Duration idleAfter;
    private Focusing current;
    private boolean idle;
    private Instant lastSample;

    /** What the last focus event said, plus the window, so two same-titled windows of one app differ. */
    private record Focusing(long window, String app, long pid, String title) {}

    public ActivityTracker(TitlePolicy titles, Duration idleAfter) {
        if (idleAfter.isNegative() || idleAfter.isZero()) {
            throw new IllegalArgumentException("idle threshold must be positive: " + idleAfter);
        }
        this.titles = titles;
        this.idleAfter = idleAfter;
    }

    /** The events {@code sample}, taken at {@code now}, adds: idle/active first (they happened earlier), then focus. */
    public List<ActivityEvent> observe(Instant now, ActivitySample sample) {
        List<ActivityEvent> events = new ArrayList<>(2);
        sample.idle().ifPresent(d -> idleOrActive(now, d, events));
        Focusing f = sample.foreground()
                .map(w -> new Focusing(w.window(), w.app(), w.pid(), titles.apply(w.app(), w.title())))
                .orElse(new Focusing(0, ActivityEvent.Focus.NO_WINDOW, 0, ""));
        if (!f.equals(current)) {
            current = f;
            events.add(new ActivityEvent.Focus(now, f.app(), f.pid(), f.title()));
        }
        lastSample = now;
        return events;
    }

    private void idleOrActive(Instant now, Duration sinceInput, List<ActivityEvent> events) {
        if (!idle && sinceInput.compareTo(idleAfter) >= 0) {
            idle = true;
            // When the threshold was crossed, which is after the previous sample unless the platform's clock
            // jumped; never before it (nor before the first sample), so events stay in order.
            events.add(new ActivityEvent.Idle(notBefore(now.minus(sinceInput).plus(idleAfter), now)));
        } else if (idle && sinceInput.compareTo(idleAfter) < 0) {
            idle = false;
            events.add(new ActivityEvent.Active(notBefore(now.minus(sinceInput), now)));
        }
    }

    private Instant notBefore(Instant t, Instant now) {
        Instant floor = lastSample == null ? now : lastSample;
        return t.isBefore(floor) ? floor : t;
    }

    /** Whether the last sample found the user idle. */
    public boolean idle() {
        return idle;
    }
}
