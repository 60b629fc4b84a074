package dev.sessionrecorder.core.control;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sessionrecorder.core.control.ControlServer.Transport;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** The control channel's contract, on each transport: callers must not be able to tell which one runs. */
class ControlServerTest {
    @TempDir
    Path dir;

    /** Starts a server forced onto {@code transport}, as -Dsessionrecorder.control=unix|tcp would. */
    static ControlServer start(Transport transport, Path path, ControlServer.Handler handler)
            throws IOException, AlreadyRunningException {
        return ControlServer.start(path, handler, choice(transport));
    }

    static TransportChoice choice(Transport transport) {
        TransportChoice.Mode mode = transport == Transport.UNIX ? TransportChoice.Mode.UNIX : TransportChoice.Mode.TCP;
        return new TransportChoice(mode, TransportChoice.UnixBinder.JDK);
    }

    @ParameterizedTest
    @EnumSource(Transport.class)
    void answersOneLinePerRequest(Transport transport) throws Exception {
        Path sock = dir.resolve("r.sock");
        try (ControlServer s = start(transport, sock, cmd -> "{\"echo\":\"" + cmd + "\"}")) {
            assertThat(s.transport()).isEqualTo(transport);
            assertThat(ControlClient.send(sock, "status", Duration.ofSeconds(5))).isEqualTo("{\"echo\":\"status\"}");
            assertThat(ControlClient.send(sock, "stop", Duration.ofSeconds(5))).isEqualTo("{\"echo\":\"stop\"}");
        }
        assertThat(sock).doesNotExist();
        assertThat(EndpointFile.beside(sock)).doesNotExist();
    }

    @ParameterizedTest
    @EnumSource(Transport.class)
    void secondRecorderOnSameSpoolIsRefused(Transport transport) throws Exception {
        Path sock = dir.resolve("r.sock");
        try (ControlServer s = start(transport, sock, cmd -> "{}")) {
            assertThatThrownBy(() -> start(transport, sock, cmd -> "{}"))
                    .isInstanceOf(AlreadyRunningException.class)
                    .hasMessageContaining("already running");
            // The refused start must not have taken the first one's channel away.
            assertThat(ControlClient.send(sock, "status", Duration.ofSeconds(5))).isEqualTo("{}");
        }
    }

    @ParameterizedTest
    @EnumSource(Transport.class)
    void staleSocketFileFromACrashIsReplaced(Transport transport) throws Exception {
        Path sock = dir.resolve("r.sock");
        Files.writeString(sock, "left by a killed recorder");
        try (ControlServer s = start(transport, sock, cmd -> "{\"ok\":true}")) {
            assertThat(ControlClient.send(sock, "status", Duration.ofSeconds(5))).isEqualTo("{\"ok\":true}");
        }
    }

    @ParameterizedTest
    @EnumSource(Transport.class)
    void tooLongPathIsExplained(Transport transport) {
        Path sock = dir.resolve("x".repeat(120)).resolve("r.sock");
        assertThatThrownBy(() -> start(transport, sock, cmd -> "{}"))
                .isInstanceOf(IOException.class)
                .hasMessageContaining("choose a shorter spool.dir");
    }

    @Test
    void clientReportsNothingRunning() {
        assertThatThrownBy(() -> ControlClient.send(dir.resolve("none.sock"), "status", Duration.ofSeconds(1)))
                .isInstanceOf(ControlClient.NotRunningException.class);
    }

    @ParameterizedTest
    @EnumSource(Transport.class)
    void clientGivesUpAfterItsTimeout(Transport transport) throws Exception {
        Path sock = dir.resolve("r.sock");
        CountDownLatch release = new CountDownLatch(1);
        try (ControlServer s = start(transport, sock, cmd -> {
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

    @ParameterizedTest
    @EnumSource(Transport.class)
    void aFailingHandlerIsReportedOnceAndNotRetried(Transport transport) throws Exception {
        Path sock = dir.resolve("r.sock");
        AtomicInteger calls = new AtomicInteger();
        try (ControlServer s = start(transport, sock, cmd -> {
            calls.incrementAndGet();
            throw new IllegalStateException("broken");
        })) {
            // A reply, not a dropped connection: the client asks again only when nothing was answered.
            assertThat(ControlClient.send(sock, "stop", Duration.ofSeconds(5))).isEqualTo(Workers.FAILED);
            assertThat(calls).hasValue(1);
        }
    }

    @ParameterizedTest
    @EnumSource(Transport.class)
    void theLockIsHeldWhileRunningAndReleasedOnClose(Transport transport) throws Exception {
        Path sock = dir.resolve("r.sock");
        try (ControlServer s = start(transport, sock, cmd -> "{}")) {
            assertThat(EndpointLock.beside(sock)).exists();
            assertThatThrownBy(() -> EndpointLock.acquire(sock)).isInstanceOf(AlreadyRunningException.class)
                    .hasMessageContaining(EndpointLock.beside(sock).getFileName().toString());
        }
        try (EndpointLock again = EndpointLock.acquire(sock)) {
            assertThat(again).isNotNull();
        }
    }
}
