package dev.sessionrecorder.core.pipeline;

import dev.sessionrecorder.core.config.RecorderConfig.FullPolicy;

/**
 * Whether the spool may grow. The recorder checks it several times a second while writing, with
 * {@code headroomBytes} (about two seconds of video) in hand, so the spool never exceeds
 * {@code maxSpoolBytes} and free disk never drops below {@code minFreeBytes}: a full disk would break
 * the user's applications, which matters more than the recording.
 */
final class DiskBudget {
    /** What the capture loop must do. */
    enum Verdict {
        /** Keep recording. */
        OK,
        /** Close the chunk and stop capturing until space frees. */
        PAUSE,
        /** Delete the oldest chunk not yet in S3, then ask again. */
        DROP_OLDEST
    }

    private final long maxSpoolBytes;
    private final long minFreeBytes;
    private final long headroomBytes;
    private final FullPolicy policy;

    DiskBudget(long maxSpoolBytes, long minFreeBytes, long headroomBytes, FullPolicy policy) {
        this.maxSpoolBytes = maxSpoolBytes;
        this.minFreeBytes = minFreeBytes;
        this.headroomBytes = headroomBytes;
        this.policy = policy;
    }

    /**
     * @param spoolBytes  bytes of chunks on disk now, closed and in progress
     * @param freeBytes   usable bytes left on the spool's disk
     * @param droppable   whether a closed, not yet uploaded chunk exists that could be dropped; asked only
     *                    when the spool is full under the drop policy, since it means listing the spool
     */
    Verdict check(long spoolBytes, long freeBytes, java.util.function.BooleanSupplier droppable) {
        boolean full = spoolBytes + headroomBytes >= maxSpoolBytes || freeBytes - headroomBytes <= minFreeBytes;
        if (!full) {
            return Verdict.OK;
        }
        return policy == FullPolicy.DROP_OLDEST_UNUPLOADED && droppable.getAsBoolean() ? Verdict.DROP_OLDEST : Verdict.PAUSE;
    }

    /** Why the budget is exhausted, for the pause event and the log. */
    String reason(long spoolBytes, long freeBytes) {
        return spoolBytes + headroomBytes >= maxSpoolBytes ? "spool-full" : "disk-low";
    }
}
