package dev.sessionrecorder.core.pipeline;

import java.time.Duration;
import java.time.Instant;

/**
 * When the current chunk ends. Rolls when the chunk has reached {@code maxLength} of wall-clock time
 * (default 60 s): short enough that a crash or an instance teardown costs little, long enough that
 * per-object overhead in S3 stays small. Geometry changes and stop also end a chunk; those are decided
 * by the capture loop, which sees them first.
 */
public final class RollingPolicy {
    private final Duration maxLength;

    public RollingPolicy(Duration maxLength) {
        if (maxLength.isNegative() || maxLength.isZero()) {
            throw new IllegalArgumentException("chunk length must be positive: " + maxLength);
        }
        this.maxLength = maxLength;
    }

    /** True when a chunk that started at {@code chunkStart} must be closed before a frame taken at {@code now}. */
    public boolean shouldRoll(Instant chunkStart, Instant now) {
        return !now.isBefore(chunkStart.plus(maxLength));
    }

    public Duration maxLength() {
        return maxLength;
    }
}
