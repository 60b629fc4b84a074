package dev.sessionrecorder.core.control;

import dev.sessionrecorder.core.control.ControlServer.Handler;
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

    /** The reply line to one request line. */
    abstract String answer(String request, Handler handler);

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
            ch.bind(new InetSocketAddress(InetAddress.getByAddress(new byte[] {127, 0, 0, 1}), 0));
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
        String answer(String request, Handler handler) {
            // Only SYSTEM and administrators can reach a socket file in the spool folder: no token needed.
            return handler.handle(request);
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
        String answer(String request, Handler handler) {
            Optional<Token.Request> admitted = token.admit(request);
            if (admitted.isEmpty()) {
                long n = refused.incrementAndGet();
                // Any local user can knock; log the first refusal and then every hundredth, not a flood.
                if (n == 1 || n % 100 == 0) {
                    log.warn("Refused {} control request(s) on {} without the endpoint file's token", n, describe());
                }
                return REFUSED;
            }
            String command = admitted.get().command();
            return token.seal(admitted.get(), command.isEmpty() ? ALIVE : handler.handle(command));
        }

        @Override
        void unannounce() throws IOException {
            EndpointFile.deleteIfStill(file, endpoint);
        }
    }
}
