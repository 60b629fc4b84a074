package dev.sessionrecorder.core.upload;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.Random;
import org.junit.jupiter.api.Test;

class BackoffTest {
    @Test
    void growsExponentiallyWithinCapAndResets() {
        Backoff b = new Backoff(Duration.ofMillis(100), Duration.ofSeconds(2), new Random(42));
        long[] ceilings = {100, 200, 400, 800, 1600, 2000, 2000, 2000};
        for (long ceiling : ceilings) {
            long ms = b.next().toMillis();
            assertThat(ms).isBetween(50L, ceiling);
        }
        assertThat(b.attempts()).isEqualTo(ceilings.length);
        b.reset();
        assertThat(b.attempts()).isZero();
        assertThat(b.next().toMillis()).isBetween(50L, 100L);
    }

    @Test
    void jitterSpreadsRetries() {
        Backoff b = new Backoff(Duration.ofMillis(100), Duration.ofSeconds(30), new Random(7));
        for (int i = 0; i < 10; i++) {
            b.next();
        }
        long first = b.next().toMillis();
        boolean differs = false;
        for (int i = 0; i < 20 && !differs; i++) {
            differs = b.next().toMillis() != first;
        }
        assertThat(differs).isTrue();
    }

    @Test
    void veryManyAttemptsDoNotOverflow() {
        Backoff b = new Backoff(Duration.ofMillis(500), Duration.ofSeconds(30), new Random(1));
        for (int i = 0; i < 200; i++) {
            assertThat(b.next().toMillis()).isBetween(250L, 30_000L);
        }
    }
}
