package dev.sessionrecorder.core.control;

import java.io.IOException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The recorder's control channel: an AF_UNIX socket in the spool folder (which only SYSTEM and
 * administrators can enter), one request line in, one JSON line out. Its path is also the
 * "a recorder is running" lock: a second recorder finds a live socket and refuses to start.
 */
public final class ControlServer implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(ControlServer.class);
    /** sun_path is 108 bytes on Linux and Windows, including the terminating NUL. */
    static final int MAX_SOCKET_PATH = 107;

    /** Answers one request; the reply is a single line of JSON. */
    @FunctionalInterface
    public interface Handler {
        String handle(String command);
    }

    private final Path path;
    private final ServerSocketChannel server;
    private final ExecutorService workers = Executors.newCachedThreadPool(r -> {
        Thread t = new Thread(r, "control");
        t.setDaemon(true);
        return t;
    });

    private ControlServer(Path path, ServerSocketChannel server) {
        this.path = path;
        this.server = server;
    }

    /**
     * Binds {@code path}. A socket file left by a crashed recorder is removed; a live one means another
     * recorder owns this spool.
     */
    public static ControlServer start(Path path, Handler handler) throws IOException, AlreadyRunningException {
        checkLength(path);
        if (Files.exists(path)) {
            if (ControlClient.isAlive(path)) {
                throw new AlreadyRunningException("a recorder is already running (its control socket " + path + " answers)");
            }
            Files.delete(path);
        }
        ServerSocketChannel ch = ServerSocketChannel.open(StandardProtocolFamily.UNIX);
        ch.bind(UnixDomainSocketAddress.of(path));
        ControlServer s = new ControlServer(path, ch);
        Thread accept = new Thread(() -> s.acceptLoop(handler), "control-accept");
        accept.setDaemon(true);
        accept.start();
        log.info("Control socket listening at {}", path);
        return s;
    }

    static void checkLength(Path path) throws IOException {
        int len = path.toAbsolutePath().toString().getBytes(StandardCharsets.UTF_8).length;
        if (len > MAX_SOCKET_PATH) {
            throw new IOException("control socket path " + path + " is " + len + " bytes; sockets allow "
                    + MAX_SOCKET_PATH + ". Fix: choose a shorter spool.dir");
        }
    }

    private void acceptLoop(Handler handler) {
        while (server.isOpen()) {
            try {
                SocketChannel client = server.accept();
                workers.execute(() -> serve(client, handler));
            } catch (ClosedChannelException e) {
                return;
            } catch (IOException e) {
                log.warn("Control socket accept failed", e);
                try {
                    Thread.sleep(100); // e.g. out of file descriptors: do not spin
                } catch (InterruptedException ie) {
                    Thread.currentThread().interrupt();
                    return;
                }
            }
        }
    }

    private static void serve(SocketChannel client, Handler handler) {
        try (client) {
            String request = Lines.readLine(client, 4096);
            if (request == null) {
                return; // a liveness probe: connected and left
            }
            String reply = handler.handle(request.strip());
            client.write(ByteBuffer.wrap((reply + "\n").getBytes(StandardCharsets.UTF_8)));
        } catch (IOException e) {
            log.debug("Control client went away before its reply", e);
        } catch (RuntimeException e) {
            log.warn("Control request failed", e);
        }
    }

    /** Stops accepting, lets in-flight replies (such as a stop's final report) finish for up to {@code grace}. */
    public void close(Duration grace) {
        try {
            server.close();
        } catch (IOException e) {
            log.debug("closing control socket", e);
        }
        workers.shutdown();
        try {
            workers.awaitTermination(grace.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        try {
            Files.deleteIfExists(path);
        } catch (IOException e) {
            log.debug("removing control socket file", e);
        }
    }

    @Override
    public void close() {
        close(Duration.ofSeconds(2));
    }
}
