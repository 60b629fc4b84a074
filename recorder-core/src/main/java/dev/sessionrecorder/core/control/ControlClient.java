package dev.sessionrecorder.core.control;

import java.io.IOException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/** Sends one command to a recorder's control socket and returns its JSON reply. */
public final class ControlClient {
    private ControlClient() {}

    /**
     * @throws NotRunningException when nothing listens at {@code socket}
     * @throws TimeoutException    when the recorder does not answer within {@code timeout}
     */
    public static String send(Path socket, String command, Duration timeout)
            throws IOException, NotRunningException, TimeoutException, InterruptedException {
        SocketChannel ch = SocketChannel.open(StandardProtocolFamily.UNIX);
        try {
            ch.connect(UnixDomainSocketAddress.of(socket));
        } catch (IOException e) {
            ch.close();
            throw new NotRunningException("no recorder answers at " + socket + " (" + e.getMessage() + ")");
        }
        try (ch) {
            ch.write(ByteBuffer.wrap((command + "\n").getBytes(StandardCharsets.UTF_8)));
            // Channels have no read timeout; read on another thread and close the channel on expiry.
            CompletableFuture<String> reply = CompletableFuture.supplyAsync(() -> {
                try {
                    return Lines.readLine(ch, 1 << 20);
                } catch (IOException e) {
                    throw new java.io.UncheckedIOException(e);
                }
            });
            try {
                String line = reply.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
                if (line == null) {
                    throw new IOException("the recorder closed the connection without a reply");
                }
                return line;
            } catch (ExecutionException e) {
                throw new IOException("reading the reply failed: " + e.getCause().getMessage(), e.getCause());
            }
        }
    }

    /**
     * Polls a starting recorder's status until it reports a captured frame: true then, false when the
     * process exits or {@code timeout} passes first. Starting a JVM and opening the screen take seconds,
     * and "started" means nothing until frames arrive.
     */
    public static boolean awaitCapturing(Process recorder, Path socket, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (recorder.isAlive() && System.nanoTime() < deadline) {
            try {
                String status = send(socket, "status", Duration.ofSeconds(5));
                if (dev.sessionrecorder.core.spool.Json.mapper().readTree(status).path("framesCaptured").asLong() > 0) {
                    return true;
                }
            } catch (IOException | NotRunningException | TimeoutException notYet) {
                // not listening yet, or still starting: ask again
            }
            Thread.sleep(200);
        }
        return false;
    }

    static boolean isAlive(Path socket) {
        try (SocketChannel ch = SocketChannel.open(StandardProtocolFamily.UNIX)) {
            ch.connect(UnixDomainSocketAddress.of(socket));
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    /** Nothing is listening on the socket. */
    public static final class NotRunningException extends Exception {
        private static final long serialVersionUID = 1L;

        public NotRunningException(String message) {
            super(message);
        }
    }
}
