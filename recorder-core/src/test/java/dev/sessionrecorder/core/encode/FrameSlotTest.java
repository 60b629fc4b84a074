package dev.sessionrecorder.core.encode;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** Frame slots: a late capture followed by an on-time one costs no frame, and the timeline never drifts. */
class FrameSlotTest {

    @Test
    void onTimeFramesTakeTheNearestSlot() {
        assertThat(FfmpegChunkEncoder.slotFor(0.0, -1)).isZero();
        assertThat(FfmpegChunkEncoder.slotFor(1.02, 0)).isEqualTo(1);
        assertThat(FfmpegChunkEncoder.slotFor(3.4, 1)).as("a stall shows as a held frame").isEqualTo(3);
    }

    @Test
    void aLateFrameFollowedByAnOnTimeOneKeepsBoth() {
        // Frame 3 taken 0.6 periods late rounds to slot 4; frame 4, on time, also rounds to 4.
        long late = FfmpegChunkEncoder.slotFor(3.6, 2);
        assertThat(late).isEqualTo(4);
        long next = FfmpegChunkEncoder.slotFor(4.0, late);
        assertThat(next).as("shown one period late instead of dropped").isEqualTo(5);
        assertThat(FfmpegChunkEncoder.slotFor(5.0, next)).as("still at most one period late").isEqualTo(6);
        // Capture times jitter both ways: an "on time" frame a little early after a late one is kept too.
        assertThat(FfmpegChunkEncoder.slotFor(3.98, FfmpegChunkEncoder.slotFor(3.6, 2))).isEqualTo(5);
    }

    @Test
    void aFrameThatWouldShowMoreThanOneAndAHalfPeriodsLateIsDropped() {
        assertThat(FfmpegChunkEncoder.slotFor(4.9, 6)).isEqualTo(-1);
        assertThat(FfmpegChunkEncoder.slotFor(6.0, 6)).as("a burst: two frames at the same instant").isEqualTo(7);
        assertThat(FfmpegChunkEncoder.slotFor(6.0, 7)).isEqualTo(-1);
    }
}
