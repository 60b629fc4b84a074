package dev.sessionrecorder.core.session;

import java.util.Optional;

/**
 * Decides, one check at a time, when the recorded user's session has ended: after
 * {@link #CONFIRMATIONS} checks in a row find the user gone, so one failed query (a busy WTS, an X
 * server slow to answer) never ends a recording. The caller runs {@link #check} on its own schedule.
 */
public final class SessionWatch {
    /** Absent this many checks in a row means gone. */
    public static final int CONFIRMATIONS = 2;

    private final UserPresence presence;
    private int absentInARow;

    public SessionWatch(UserPresence presence) {
        this.presence = presence;
    }

    /**
     * Checks every {@code period} on a daemon thread and calls {@code ended} once, with the reason, when
     * the session has ended; closing the result stops the checks.
     */
    public static AutoCloseable every(java.time.Duration period, UserPresence presence, java.util.function.Consumer<String> ended) {
        SessionWatch watch = new SessionWatch(presence);
        java.util.concurrent.ScheduledExecutorService timer = java.util.concurrent.Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "session-watch");
            t.setDaemon(true);
            return t;
        });
        timer.scheduleWithFixedDelay(() -> watch.check().ifPresent(why -> {
            timer.shutdown();
            ended.accept(why);
        }), period.toMillis(), period.toMillis(), java.util.concurrent.TimeUnit.MILLISECONDS);
        return timer::shutdownNow;
    }

    /** Why the session ended, once it has; empty while it goes on (or is not yet confirmed gone). */
    public Optional<String> check() {
        Optional<String> absence;
        try {
            absence = presence.absence();
        } catch (RuntimeException e) {
            absence = Optional.empty(); // cannot tell: keep recording
        }
        if (absence.isEmpty()) {
            absentInARow = 0;
            return Optional.empty();
        }
        absentInARow++;
        return absentInARow >= CONFIRMATIONS ? absence : Optional.empty();
    }
}
