package dev.sessionrecorder.core.control;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import dev.sessionrecorder.core.spool.Json;
import dev.sessionrecorder.devkit.JavaProcess;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A recorder JVM started with -Dsessionrecorder.control=tcp, and clients in another JVM (this one) that
 * pass only the control path, as the hooks and the CLI do.
 */
class ControlChannelProcessTest {
    @TempDir
    Path dir;
    Process child;

    @AfterEach
    void killChild() {
        if (child != null) {
            child.destroyForcibly();
        }
    }

    @Test
    void aTcpRecorderInAnotherJvmAnswersStopsAndHoldsTheLock() throws Exception {
        Path sock = dir.resolve("recorder.sock");
        child = startChild(sock, "tcp");
        JsonNode status = awaitStatus(child, sock);
        assertThat(status.path("transport").asText()).isEqualTo("TCP");
        assertThat(status.path("pid").asLong()).isEqualTo(child.pid());
        assertThat(sock).doesNotExist();

        // This JVM would pick AF_UNIX; the other's TCP channel must still count as the lock.
        assertThatThrownBy(() -> ControlServer.start(sock, cmd -> "{}"))
                .isInstanceOf(AlreadyRunningException.class)
                .hasMessageContaining("control port");

        assertThat(ControlClient.send(sock, "stop", Duration.ofSeconds(10))).isEqualTo("{\"state\":\"stopped\"}");
        assertThat(child.waitFor(30, TimeUnit.SECONDS)).isTrue();
        assertThat(child.exitValue()).isZero();
        assertThat(EndpointFile.beside(sock)).doesNotExist();
    }

    @Test
    void anEndpointFileLeftByAKilledRecorderIsReplaced() throws Exception {
        Path sock = dir.resolve("recorder.sock");
        child = startChild(sock, "tcp");
        awaitStatus(child, sock);
        child.destroyForcibly().waitFor(30, TimeUnit.SECONDS);
        assertThat(EndpointFile.beside(sock)).exists(); // kill -9 leaves it behind

        assertThatThrownBy(() -> ControlClient.send(sock, "status", Duration.ofSeconds(2)))
                .isInstanceOf(ControlClient.NotRunningException.class);
        try (ControlServer s = ControlServer.start(sock, cmd -> "{\"next\":true}")) {
            assertThat(ControlClient.send(sock, "status", Duration.ofSeconds(5))).isEqualTo("{\"next\":true}");
        }
    }

    @Test
    void theOsLockNotTheFilesDecidesWhoOwnsTheEndpoint() throws Exception {
        Path sock = dir.resolve("recorder.sock");
        child = startChild(sock, "tcp");
        awaitStatus(child, sock);
        // What the losing starter of the old race did: delete the live recorder's endpoint file.
        Files.delete(EndpointFile.beside(sock));
        assertThatThrownBy(() -> ControlServer.start(sock, cmd -> "{}"))
                .isInstanceOf(AlreadyRunningException.class)
                .hasMessageContaining("recorder.sock.lock");
        assertThat(sock).doesNotExist(); // the refused start bound nothing

        // kill -9: the kernel releases the lock with the process.
        child.destroyForcibly().waitFor(30, TimeUnit.SECONDS);
        try (ControlServer s = ControlServer.start(sock, cmd -> "{\"next\":true}")) {
            assertThat(ControlClient.send(sock, "status", Duration.ofSeconds(5))).isEqualTo("{\"next\":true}");
        }
    }

    private Process startChild(Path sock, String transport) throws Exception {
        String java = ProcessHandle.current().info().command().orElse("java");
        return JavaProcess.start(List.of(java, "-Xmx64m", "-D" + TransportChoice.PROPERTY + "=" + transport,
                        "-cp", System.getProperty("java.class.path"), ControlChannelProcess.class.getName(), sock.toString()),
                Map.of(), dir.resolve("child.log"));
    }

    /** Polls until the child answers (it is a real JVM starting up; polling is how we observe it). */
    private JsonNode awaitStatus(Process p, Path sock) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (System.nanoTime() < deadline) {
            if (!p.isAlive()) {
                throw new AssertionError("child exited with " + p.exitValue() + ": " + Files.readString(dir.resolve("child.log")));
            }
            try {
                JsonNode status = Json.mapper().readTree(ControlClient.send(sock, "status", Duration.ofSeconds(5)));
                if (!status.path("transport").asText().equals("null")) {
                    return status;
                }
            } catch (ControlClient.NotRunningException starting) {
                // not listening yet
            }
            Thread.sleep(100);
        }
        throw new AssertionError("child never answered: " + Files.readString(dir.resolve("child.log")));
    }
}
