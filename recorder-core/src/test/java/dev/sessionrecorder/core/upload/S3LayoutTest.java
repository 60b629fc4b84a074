package dev.sessionrecorder.core.upload;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class S3LayoutTest {
    private static final Instant START = Instant.parse("2026-11-22T23:59:59Z");

    @Test
    void keyBaseIsPrefixDateStackSession() {
        assertThat(S3Layout.keyBase("recordings", START, Optional.of("Bastion Stack"), "abc-123"))
                .isEqualTo("recordings/2026/11/22/Bastion_Stack/abc-123");
    }

    @Test
    void missingStackAndEmptyPrefix() {
        assertThat(S3Layout.keyBase("", START, Optional.empty(), "s")).isEqualTo("2026/11/22/no-stack/s");
    }

    @Test
    void objectKeys() {
        String base = "p/2026/11/22/no-stack/s";
        assertThat(S3Layout.chunkKey(base, "000007.mp4")).isEqualTo(base + "/chunks/000007.mp4");
        assertThat(S3Layout.manifestKey(base)).isEqualTo(base + "/manifest.json");
        assertThat(S3Layout.sessionKey(base)).isEqualTo(base + "/session.json");
    }
}
