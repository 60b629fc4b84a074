package dev.sessionrecorder.core.pipeline;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class RollingPolicyTest {
    private static final Instant START = Instant.parse("2026-11-22T10:00:00Z");
    private final RollingPolicy policy = new RollingPolicy(Duration.ofSeconds(60));

    @Test
    void keepsChunkOpenBeforeItsLength() {
        assertThat(policy.shouldRoll(START, START)).isFalse();
        assertThat(policy.shouldRoll(START, START.plusMillis(59_999))).isFalse();
    }

    @Test
    void rollsAtAndAfterItsLength() {
        assertThat(policy.shouldRoll(START, START.plusSeconds(60))).isTrue();
        assertThat(policy.shouldRoll(START, START.plusSeconds(3600))).isTrue();
    }

    @Test
    void clockGoingBackwardsDoesNotRoll() {
        assertThat(policy.shouldRoll(START, START.minusSeconds(5))).isFalse();
    }

    @Test
    void refusesNonPositiveLength() {
        assertThatThrownBy(() -> new RollingPolicy(Duration.ZERO)).isInstanceOf(IllegalArgumentException.class);
    }
}
