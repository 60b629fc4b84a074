package dev.sessionrecorder.core.upload;

import java.time.Duration;
import java.util.random.RandomGenerator;

/**
 * Exponential backoff with full jitter, capped, reset after a success. Jitter keeps thousands of
 * instances that lost S3 at the same moment from retrying in lockstep when it comes back.
 */
public final class Backoff {
    private final Duration initial;
    private final Duration cap;
    private final RandomGenerator random;
    private int attempt;

    public Backoff(Duration initial, Duration cap, RandomGenerator random) {
        this.initial = initial;
        this.cap = cap;
        this.random = random;
    }

    public static Backoff standard() {
        return new Backoff(Duration.ofMillis(500), Duration.ofSeconds(30), RandomGenerator.getDefault());
    }

    /** The wait before the next attempt: uniform in [initial/2, min(cap, initial * 2^attempt)]. */
    public Duration next() {
        long ceiling = Math.min(cap.toMillis(), initial.toMillis() << Math.min(attempt, 20));
        attempt++;
        long floor = Math.min(initial.toMillis() / 2, ceiling);
        return Duration.ofMillis(floor + random.nextLong(ceiling - floor + 1));
    }

    public void reset() {
        attempt = 0;
    }

    public int attempts() {
        return attempt;
    }
}
