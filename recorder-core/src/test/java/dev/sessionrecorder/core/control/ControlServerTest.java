package dev.sessionrecorder.core.control;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeoutException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ControlServerTest {
    @TempDir
    Path dir;

    @Test
    void answersOneLinePerRequest() throws Exception {
        Path sock = dir.resolve("r.sock");
        try (ControlServer s = ControlServer.start(sock, cmd -> "{\"echo\":\"" + cmd + "\"}")) {
            assertThat(ControlClient.send(sock, "status", Duration.ofSeconds(5))).isEqualTo("{\"echo\":\"status\"}");
            assertThat(ControlClient.send(sock, "stop", Duration.ofSeconds(5))).isEqualTo("{\"echo\":\"stop\"}");
        }
        assertThat(sock).doesNotExist();
    }

    @Test
    void secondRecorderOnSameSpoolIsRefused() throws Exception {
        Path sock = dir.resolve("r.sock");
        try (ControlServer s = ControlServer.start(sock, cmd -> "{}")) {
            assertThatThrownBy(() -> ControlServer.start(sock, cmd -> "{}"))
                    .isInstanceOf(AlreadyRunningException.class)
                    .hasMessageContaining("already running");
        }
    }

    @Test
    void staleSocketFileFromACrashIsReplaced() throws Exception {
        Path sock = dir.resolve("r.sock");
        Files.writeString(sock, "left by a killed recorder");
        try (ControlServer s = ControlServer.start(sock, cmd -> "{\"ok\":true}")) {
            assertThat(ControlClient.send(sock, "status", Duration.ofSeconds(5))).isEqualTo("{\"ok\":true}");
        }
    }

    @Test
    void tooLongPathIsExplained() {
        Path sock = dir.resolve("x".repeat(120)).resolve("r.sock");
        assertThatThrownBy(() -> ControlServer.start(sock, cmd -> "{}"))
                .isInstanceOf(IOException.class)
                .hasMessageContaining("choose a shorter spool.dir");
    }

    @Test
    void clientReportsNothingRunning() {
        assertThatThrownBy(() -> ControlClient.send(dir.resolve("none.sock"), "status", Duration.ofSeconds(1)))
                .isInstanceOf(ControlClient.NotRunningException.class);
    }

    @Test
    void clientGivesUpAfterItsTimeout() throws Exception {
        Path sock = dir.resolve("r.sock");
        CountDownLatch release = new CountDownLatch(1);
        try (ControlServer s = ControlServer.start(sock, cmd -> {
            try {
                release.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            return "{}";
        })) {
            assertThatThrownBy(() -> ControlClient.send(sock, "stop", Duration.ofMillis(300)))
                    .isInstanceOf(TimeoutException.class);
            release.countDown();
        }
    }
}
