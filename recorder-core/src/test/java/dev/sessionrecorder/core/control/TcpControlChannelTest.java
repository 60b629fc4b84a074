package dev.sessionrecorder.core.control;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import dev.sessionrecorder.core.control.ControlServer.Transport;
import dev.sessionrecorder.core.spool.Json;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.slf4j.LoggerFactory;

/** The loopback TCP fallback: its token, its endpoint file, its lock semantics, and when it is chosen. */
class TcpControlChannelTest {
    @TempDir
    Path dir;
    Path sock;
    final List<String> handled = new CopyOnWriteArrayList<>();
    final ControlServer.Handler echo = cmd -> {
        handled.add(cmd);
        return "{\"echo\":\"" + cmd + "\"}";
    };
    final ListAppender<ILoggingEvent> logs = new ListAppender<>();

    @BeforeEach
    void setUp() {
        sock = dir.resolve("recorder.sock");
        logs.start();
        ((Logger) LoggerFactory.getLogger(ControlServer.class)).addAppender(logs);
    }

    @AfterEach
    void tearDown() {
        ((Logger) LoggerFactory.getLogger(ControlServer.class)).detachAppender(logs);
    }

    @Test
    void forcedTcpAnnouncesItsPortAndTokenAndCleansUp() throws Exception {
        Path file = EndpointFile.beside(sock);
        try (ControlServer s = ControlServerTest.start(Transport.TCP, sock, echo)) {
            assertThat(s.transport()).isEqualTo(Transport.TCP);
            assertThat(sock).doesNotExist();
            EndpointFile e = EndpointFile.read(file).orElseThrow();
            assertThat(e.pid()).isEqualTo(ProcessHandle.current().pid());
            assertThat(e.token()).hasSize(43); // 32 random bytes, base64url
            assertThat(ControlClient.send(sock, "status", Duration.ofSeconds(5))).isEqualTo("{\"echo\":\"status\"}");
        }
        assertThat(file).doesNotExist();
        // No temporary file left behind either; the lock file stays by design (see EndpointLock).
        try (var left = Files.list(dir)) {
            assertThat(left).containsExactly(EndpointLock.beside(sock));
        }
        assertThatThrownBy(() -> ControlClient.send(sock, "status", Duration.ofSeconds(1)))
                .isInstanceOf(ControlClient.NotRunningException.class);
    }

    @Test
    void eachStartHasAFreshToken() throws Exception {
        String first;
        try (ControlServer s = ControlServerTest.start(Transport.TCP, sock, echo)) {
            first = EndpointFile.read(EndpointFile.beside(sock)).orElseThrow().token();
        }
        try (ControlServer s = ControlServerTest.start(Transport.TCP, sock, echo)) {
            assertThat(EndpointFile.read(EndpointFile.beside(sock)).orElseThrow().token()).isNotEqualTo(first);
        }
    }

    @Test
    void requestsWithoutTheTokenAreRefusedAndNeverReachTheHandler() throws Exception {
        try (ControlServer s = ControlServerTest.start(Transport.TCP, sock, echo)) {
            EndpointFile e = EndpointFile.read(EndpointFile.beside(sock)).orElseThrow();
            Token right = e.secret();
            Token wrong = Token.generate();
            String refused = "{\"error\":\"unauthorized\"}";

            assertThat(raw(e.port(), "stop")).isEqualTo(refused);
            assertThat(raw(e.port(), "")).isEqualTo(refused);
            assertThat(raw(e.port(), wrong.request("stop").line())).isEqualTo(refused);
            // The bare token is not a signature: knowing it must be proved, never shown.
            assertThat(raw(e.port(), e.token() + " stop")).isEqualTo(refused);
            // A valid request with its command changed afterwards.
            String signed = right.request("status").line();
            assertThat(raw(e.port(), signed.substring(0, signed.lastIndexOf(' ')) + " stop")).isEqualTo(refused);
            assertThat(handled).isEmpty();

            // The same socket, signed: admitted, and the reply is signed over the request's nonce.
            Token.Request request = right.request("status");
            assertThat(right.open(request, raw(e.port(), request.line()))).contains("{\"echo\":\"status\"}");
            assertThat(handled).containsExactly("status");
        }
        assertThat(logs.list).extracting(ILoggingEvent::getFormattedMessage)
                .anyMatch(m -> m.startsWith("Refused 1 control request(s) on loopback TCP"));
    }

    @Test
    void aReplyNotSignedWithTheTokenIsNotBelieved() throws Exception {
        // A dead recorder's port taken by another local process, which answers like a recorder would.
        try (ServerSocket squatter = new ServerSocket(0, 5, InetAddress.getByName("127.0.0.1"))) {
            Thread t = new Thread(() -> answerEveryone(squatter, "{\"state\":\"recording\",\"framesCaptured\":9}"));
            t.setDaemon(true);
            t.start();
            new EndpointFile(squatter.getLocalPort(), Token.generate().encoded(), 1).publish(EndpointFile.beside(sock));

            assertThatThrownBy(() -> ControlClient.send(sock, "status", Duration.ofSeconds(5)))
                    .isInstanceOf(IOException.class)
                    .hasMessageContaining("did not reply with the endpoint file's token");
            // ...and it does not hold the lock: a recorder starts and takes over the endpoint file.
            try (ControlServer s = ControlServerTest.start(Transport.TCP, sock, echo)) {
                assertThat(EndpointFile.read(EndpointFile.beside(sock)).orElseThrow().port()).isNotEqualTo(squatter.getLocalPort());
                assertThat(ControlClient.send(sock, "status", Duration.ofSeconds(5))).isEqualTo("{\"echo\":\"status\"}");
            }
        }
    }

    @Test
    void anEndpointFileWhoseWriterHoldsNoLockIsStaleWhateverItsPortAndPidSay() throws Exception {
        // A port that accepts but stays silent, and a pid that is alive: before the lock, that held the spool
        // as "a stalled recorder". On Windows a dead recorder's pid is soon reused, so it proved nothing.
        try (ServerSocket silent = new ServerSocket(0, 5, InetAddress.getByName("127.0.0.1"))) {
            Path file = EndpointFile.beside(sock);
            new EndpointFile(silent.getLocalPort(), Token.generate().encoded(), ProcessHandle.current().pid()).publish(file);
            try (ControlServer s = ControlServerTest.start(Transport.TCP, sock, echo)) {
                assertThat(EndpointFile.read(file).orElseThrow().port()).isNotEqualTo(silent.getLocalPort());
                assertThat(ControlClient.send(sock, "status", Duration.ofSeconds(5))).isEqualTo("{\"echo\":\"status\"}");
            }
        }
    }

    @ParameterizedTest
    @EnumSource(Transport.class)
    void staleEndpointFileFromAKilledRecorderIsReplaced(Transport transport) throws Exception {
        int closedPort;
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
            closedPort = s.getLocalPort();
        }
        Path file = EndpointFile.beside(sock);
        new EndpointFile(closedPort, Token.generate().encoded(), 999_999).publish(file);

        try (ControlServer s = ControlServerTest.start(transport, sock, echo)) {
            if (transport == Transport.TCP) {
                assertThat(EndpointFile.read(file).orElseThrow().port()).isNotEqualTo(closedPort);
            } else {
                assertThat(file).doesNotExist();
            }
            assertThat(ControlClient.send(sock, "status", Duration.ofSeconds(5))).isEqualTo("{\"echo\":\"status\"}");
        }
        assertThat(logs.list).extracting(ILoggingEvent::getFormattedMessage)
                .anyMatch(m -> m.startsWith("Removing the endpoint file of a recorder that no longer holds recorder.sock.lock"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "{\"port\":", "{\"port\":0,\"token\":\"x\",\"pid\":1}", "not json at all"})
    void endpointFileNoRecorderWroteIsReplaced(String content) throws Exception {
        Files.writeString(EndpointFile.beside(sock), content);
        try (ControlServer s = ControlServerTest.start(Transport.TCP, sock, echo)) {
            assertThat(ControlClient.send(sock, "status", Duration.ofSeconds(5))).isEqualTo("{\"echo\":\"status\"}");
        }
    }

    @ParameterizedTest
    @EnumSource(Transport.class)
    void aLiveRecorderOnEitherTransportBlocksTheOther(Transport first) throws Exception {
        Transport second = first == Transport.UNIX ? Transport.TCP : Transport.UNIX;
        try (ControlServer s = ControlServerTest.start(first, sock, echo)) {
            assertThatThrownBy(() -> ControlServerTest.start(second, sock, cmd -> "{}"))
                    .isInstanceOf(AlreadyRunningException.class)
                    .hasMessageContaining("already running")
                    .hasMessageContaining(first == Transport.UNIX ? "control socket" : "control port");
            // The refused one left the first one's channel where the client finds it.
            assertThat(ControlClient.send(sock, "status", Duration.ofSeconds(5))).isEqualTo("{\"echo\":\"status\"}");
            assertThat(s.transport()).isEqualTo(first);
        }
        assertThat(sock).doesNotExist();
        assertThat(EndpointFile.beside(sock)).doesNotExist();
    }

    @Test
    void aStartOnTheOtherTransportWhileOneIsBindingIsRefused() throws Exception {
        // The old race: a TCP recorder announcing itself after our checks found nothing, just before we bind.
        List<Throwable> tcpStart = new CopyOnWriteArrayList<>();
        TransportChoice racing = new TransportChoice(TransportChoice.Mode.UNIX, path -> {
            try (ControlServer unexpected = ControlServerTest.start(Transport.TCP, path, cmd -> "{\"winner\":\"tcp\"}")) {
                tcpStart.add(new AssertionError("a TCP recorder started while the AF_UNIX one held the endpoint"));
            } catch (AlreadyRunningException | IOException e) {
                tcpStart.add(e);
            }
            return TransportChoice.UnixBinder.JDK.bind(path);
        });
        try (ControlServer s = ControlServer.start(sock, echo, racing)) {
            assertThat(tcpStart).singleElement().isInstanceOf(AlreadyRunningException.class)
                    .extracting(Throwable::getMessage).asString().contains("has not opened its control channel yet");
            assertThat(EndpointFile.beside(sock)).doesNotExist();
            assertThat(ControlClient.send(sock, "status", Duration.ofSeconds(5))).isEqualTo("{\"echo\":\"status\"}");
        }
    }

    @Test
    void endpointFileIsOwnerOnlyOnPosix() throws Exception {
        assumeTrue(dir.getFileSystem().supportedFileAttributeViews().contains("posix"), "POSIX file system");
        try (ControlServer s = ControlServerTest.start(Transport.TCP, sock, echo)) {
            assertThat(Files.getPosixFilePermissions(EndpointFile.beside(sock)))
                    .isEqualTo(PosixFilePermissions.fromString("rw-------"));
        }
    }

    @Test
    void withoutAfUnixAutoFallsBackToTcpAndSaysSo() throws Exception {
        TransportChoice noAfUnix = new TransportChoice(TransportChoice.Mode.AUTO, path -> {
            throw new UnsupportedOperationException("Protocol family not supported"); // what JDK 17 throws on Server 2016
        });
        try (ControlServer s = ControlServer.start(sock, echo, noAfUnix)) {
            assertThat(s.transport()).isEqualTo(Transport.TCP);
            assertThat(ControlClient.send(sock, "status", Duration.ofSeconds(5))).isEqualTo("{\"echo\":\"status\"}");
        }
        assertThat(logs.list).extracting(ILoggingEvent::getFormattedMessage)
                .contains("Control channel uses loopback TCP: AF_UNIX is not available in this JVM: "
                        + "java.lang.UnsupportedOperationException: Protocol family not supported")
                .anyMatch(m -> m.startsWith("Control channel listening on loopback TCP 127.0.0.1:"));
    }

    @Test
    void aSocketErrorNamingTheFamilyAlsoFallsBack() throws Exception {
        TransportChoice wsaeafnosupport = new TransportChoice(TransportChoice.Mode.AUTO, path -> {
            throw new java.net.SocketException("Address family not supported by protocol family: bind");
        });
        try (ControlServer s = ControlServer.start(sock, echo, wsaeafnosupport)) {
            assertThat(s.transport()).isEqualTo(Transport.TCP);
        }
    }

    @Test
    void otherSocketErrorsAreNotHiddenByTheFallback() {
        TransportChoice denied = new TransportChoice(TransportChoice.Mode.AUTO, path -> {
            throw new java.net.SocketException("Permission denied");
        });
        assertThatThrownBy(() -> ControlServer.start(sock, echo, denied))
                .isInstanceOf(IOException.class).hasMessage("Permission denied");
        assertThat(EndpointFile.beside(sock)).doesNotExist();
    }

    @Test
    void forcedUnixDoesNotFallBack() {
        TransportChoice unixOnly = new TransportChoice(TransportChoice.Mode.UNIX, path -> {
            throw new UnsupportedOperationException("Protocol family not supported");
        });
        assertThatThrownBy(() -> ControlServer.start(sock, echo, unixOnly))
                .isInstanceOf(IOException.class)
                .hasMessageContaining("forbids the TCP fallback");
        assertThat(EndpointFile.beside(sock)).doesNotExist();
    }

    @Test
    void thePropertyIsReadAndCheckedAtStart() throws Exception {
        String before = System.getProperty(TransportChoice.PROPERTY);
        try {
            System.setProperty(TransportChoice.PROPERTY, "tcp");
            try (ControlServer s = ControlServer.start(sock, echo)) {
                assertThat(s.transport()).isEqualTo(Transport.TCP);
            }
            System.setProperty(TransportChoice.PROPERTY, "named-pipe");
            assertThatThrownBy(() -> ControlServer.start(sock, echo))
                    .isInstanceOf(IOException.class)
                    .hasMessageContaining("use auto, unix or tcp");
            System.clearProperty(TransportChoice.PROPERTY);
            try (ControlServer s = ControlServer.start(sock, echo)) {
                assertThat(s.transport()).isEqualTo(Transport.UNIX); // auto, on a JVM with AF_UNIX
            }
        } finally {
            if (before == null) {
                System.clearProperty(TransportChoice.PROPERTY);
            } else {
                System.setProperty(TransportChoice.PROPERTY, before);
            }
        }
    }

    @Test
    void statusRepliesStayJson() throws Exception {
        try (ControlServer s = ControlServerTest.start(Transport.TCP, sock, cmd -> "{\"state\":\"recording\",\"note\":\"a b  c\"}")) {
            assertThat(Json.mapper().readTree(ControlClient.send(sock, "status", Duration.ofSeconds(5))).path("note").asText())
                    .isEqualTo("a b  c");
        }
    }

    /** One request line over a plain socket, as any local process could send it; returns the reply line. */
    private static String raw(int port, String line) throws IOException {
        try (Socket s = new Socket(InetAddress.getByName("127.0.0.1"), port)) {
            s.setSoTimeout(5000);
            OutputStream out = s.getOutputStream();
            out.write((line + "\n").getBytes(StandardCharsets.UTF_8));
            out.flush();
            return new BufferedReader(new InputStreamReader(s.getInputStream(), StandardCharsets.UTF_8)).readLine();
        }
    }

    private static void answerEveryone(ServerSocket server, String reply) {
        while (!server.isClosed()) {
            try (Socket c = server.accept()) {
                new BufferedReader(new InputStreamReader(c.getInputStream(), StandardCharsets.UTF_8)).readLine();
                c.getOutputStream().write((reply + "\n").getBytes(StandardCharsets.UTF_8));
            } catch (IOException e) {
                return;
            }
        }
    }
}
