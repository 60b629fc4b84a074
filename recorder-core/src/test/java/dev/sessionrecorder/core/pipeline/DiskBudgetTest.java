package dev.sessionrecorder.core.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sessionrecorder.core.config.RecorderConfig.FullPolicy;
import org.junit.jupiter.api.Test;

class DiskBudgetTest {
    private static final long GB = 1L << 30;

    @Test
    void roomInSpoolAndOnDiskKeepsRecording() {
        DiskBudget b = new DiskBudget(1000, 500, 100, FullPolicy.PAUSE);
        assertThat(b.check(899, 10 * GB, () -> true)).isEqualTo(DiskBudget.Verdict.OK);
    }

    @Test
    void headroomStopsBeforeTheLimitIsReached() {
        DiskBudget b = new DiskBudget(1000, 500, 100, FullPolicy.PAUSE);
        assertThat(b.check(900, 10 * GB, () -> true)).isEqualTo(DiskBudget.Verdict.PAUSE);
        assertThat(b.reason(900, 10 * GB)).isEqualTo("spool-full");
    }

    @Test
    void lowFreeDiskPausesEvenWithAnEmptySpool() {
        DiskBudget b = new DiskBudget(GB, 500, 100, FullPolicy.PAUSE);
        assertThat(b.check(0, 600, () -> false)).isEqualTo(DiskBudget.Verdict.PAUSE);
        assertThat(b.reason(0, 600)).isEqualTo("disk-low");
    }

    @Test
    void theSpoolIsNotListedWhileThereIsRoom() {
        DiskBudget b = new DiskBudget(1000, 0, 100, FullPolicy.DROP_OLDEST_UNUPLOADED);
        assertThat(b.check(100, 10 * GB, () -> {
            throw new AssertionError("asked for something to drop while there is room");
        })).isEqualTo(DiskBudget.Verdict.OK);
    }

    @Test
    void dropPolicyDropsOnlyWhenThereIsSomethingToDrop() {
        DiskBudget b = new DiskBudget(1000, 0, 100, FullPolicy.DROP_OLDEST_UNUPLOADED);
        assertThat(b.check(950, 10 * GB, () -> true)).isEqualTo(DiskBudget.Verdict.DROP_OLDEST);
        assertThat(b.check(950, 10 * GB, () -> false)).as("only the chunk being written is left").isEqualTo(DiskBudget.Verdict.PAUSE);
    }
}
