package dev.sessionrecorder.core.control;

import dev.sessionrecorder.core.control.ControlServer.Transport;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.StandardProtocolFamily;
import java.nio.channels.ServerSocketChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.UnaryOperator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** What a {@link ControlServer} accepts connections on, the file that announces it, and how it admits requests. */
abstract class Listener {
    private static final Logger log = LoggerFactory.getLogger(ControlServer.class);

    final ServerSocketChannel channel;

    private Listener(ServerSocketChannel channel) {
        this.channel = channel;
    }

    abstract Transport transport();

    /** For logs: where clients find it. */
    abstract String describe();

    /**
     * Judges one request line before any handler thread is spent on it: refused and liveness requests are
     * answered at once, so a flood of them can never occupy the workers an authentic stop needs.
     */
    abstract Admission admit(String request);

    /** A request judged: either a reply to send now, or a command for the handler whose reply {@code seal} wraps. */
    record Admission(String reply, String command, UnaryOperator<String> seal) {
        static Admission answered(String reply) {
            return new Admission(reply, null, null);
        }

        static Admission forHandler(String command, UnaryOperator<String> seal) {
            return new Admission(null, command, seal);
        }

        boolean answered() {
            return reply != null;
        }
    }

    /**
     * Connections the kernel queues before accept. Generous, so a burst of idle connections from another
     * local user does not leave an authentic client's connect waiting on a full queue.
     */
    static final int BACKLOG = 256;

    /** Stops listening and removes the file that announced it. */
    void close() {
        try {
            channel.close();
        } catch (IOException e) {
            log.debug("closing the control channel", e);
        }
        try {
            unannounce();
        } catch (IOException e) {
            log.debug("removing the control channel's file", e);
        }
    }

    abstract void unannounce() throws IOException;

    /** Binds the AF_UNIX socket at {@code socket}; the socket file is its own announcement. */
    static Listener unix(Path socket, TransportChoice.UnixBinder binder) throws IOException {
        return new Unix(binder.bind(socket), socket);
    }

    /** Listens on an ephemeral loopback port and announces it, with a fresh token, in the endpoint file beside {@code socket}. */
    static Listener tcp(Path socket) throws IOException {
        ServerSocketChannel ch = ServerSocketChannel.open(StandardProtocolFamily.INET);
        try {
            ch.bind(new InetSocketAddress(InetAddress.getByAddress(new byte[] {127, 0, 0, 1}), 0), BACKLOG);
            Token token = Token.generate();
            EndpointFile endpoint = new EndpointFile(((InetSocketAddress) ch.getLocalAddress()).getPort(), token.encoded(),
                    ProcessHandle.current().pid());
            Path file = EndpointFile.beside(socket);
            endpoint.publish(file);
            return new Tcp(ch, file, endpoint, token);
        } catch (IOException | RuntimeException e) {
            ch.close();
            throw e;
        }
    }

    private static final class Unix extends Listener {
        private final Path socket;

        Unix(ServerSocketChannel channel, Path socket) {
            super(channel);
            this.socket = socket;
        }

        @Override
        Transport transport() {
            return Transport.UNIX;
        }

        @Override
        String describe() {
            return "AF_UNIX socket " + socket;
        }

        @Override
        Admission admit(String request) {
            // Only SYSTEM and administrators can reach a socket file in the spool folder: no token needed.
            return Admission.forHandler(request, UnaryOperator.identity());
        }

        @Override
        void unannounce() throws IOException {
            Files.deleteIfExists(socket);
        }
    }

    private static final class Tcp extends Listener {
        static final String REFUSED = "{\"error\":\"unauthorized\"}";
        static final String ALIVE = "{\"alive\":true}";

        private final Path file;
        private final EndpointFile endpoint;
        private final Token token;
        private final AtomicLong refused = new AtomicLong();

        Tcp(ServerSocketChannel channel, Path file, EndpointFile endpoint, Token token) {
            super(channel);
            this.file = file;
            this.endpoint = endpoint;
            this.token = token;
        }

        @Override
        Transport transport() {
            return Transport.TCP;
        }

        @Override
        String describe() {
            return "loopback TCP 127.0.0.1:" + endpoint.port() + " (endpoint file " + file + ")";
        }

        @Override
        Admission admit(String request) {
            Optional<Token.Request> admitted = token.admit(request);
            if (admitted.isEmpty()) {
                long n = refused.incrementAndGet();
                // Any local user can knock; log the first refusal and then every hundredth, not a flood.
                if (n == 1 || n % 100 == 0) {
                    log.warn("Refused {} control request(s) on {} without the endpoint file's token", n, describe());
                }
                return Admission.answered(REFUSED);
            }
            Token.Request signed = admitted.get();
            if (signed.command().isEmpty()) {
                return Admission.answered(token.seal(signed, ALIVE));
            }
            return Admission.forHandler(signed.command(), reply -> token.seal(signed, reply));
        }

        @Override
        void unannounce() throws IOException {
            EndpointFile.deleteIfStill(file, endpoint);
        }
    }
}
