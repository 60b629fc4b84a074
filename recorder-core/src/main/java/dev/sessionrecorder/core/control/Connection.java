package dev.sessionrecorder.core.control;

import dev.sessionrecorder.core.control.ControlClient.NotRunningException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * A client's connection to a recorder on whichever transport the recorder opened: the loopback port in
 * the endpoint file beside the control path when one exists and accepts, else the AF_UNIX socket at it.
 */
final class Connection implements AutoCloseable {
    private final SocketChannel channel;
    /** Null on AF_UNIX, where the spool folder's ACL is the access control. */
    private final Token token;
    private final String where;

    private Connection(SocketChannel channel, Token token, String where) {
        this.channel = channel;
        this.token = token;
        this.where = where;
    }

    static Connection open(Path socket) throws NotRunningException {
        List<String> tried = new ArrayList<>();
        Path file = EndpointFile.beside(socket);
        try {
            Optional<EndpointFile> endpoint = EndpointFile.read(file);
            if (endpoint.isPresent()) {
                try {
                    return tcp(endpoint.get());
                } catch (IOException e) {
                    tried.add("port " + endpoint.get().port() + " from " + file.getFileName() + ": " + e.getMessage());
                }
            }
        } catch (EndpointFile.Unreadable e) {
            tried.add(e.getMessage());
        }
        try {
            return unix(socket);
        } catch (IOException | UnsupportedOperationException e) {
            tried.add("socket: " + e.getMessage());
        }
        throw new NotRunningException("no recorder answers at " + socket + " (" + String.join("; ", tried) + ")");
    }

    private static Connection unix(Path socket) throws IOException {
        SocketChannel ch = SocketChannel.open(StandardProtocolFamily.UNIX);
        try {
            ch.connect(UnixDomainSocketAddress.of(socket));
            return new Connection(ch, null, socket.toString());
        } catch (IOException | RuntimeException e) {
            ch.close();
            throw e;
        }
    }

    private static Connection tcp(EndpointFile endpoint) throws IOException {
        Token token;
        try {
            token = endpoint.secret();
        } catch (IllegalArgumentException e) {
            throw new IOException("unusable token: " + e.getMessage());
        }
        SocketChannel ch = SocketChannel.open(StandardProtocolFamily.INET);
        try {
            ch.connect(new InetSocketAddress(InetAddress.getByAddress(new byte[] {127, 0, 0, 1}), endpoint.port()));
            return new Connection(ch, token, "127.0.0.1:" + endpoint.port());
        } catch (IOException | RuntimeException e) {
            ch.close();
            throw e;
        }
    }

    /**
     * Sends one command and returns the reply line, checked and unwrapped when the transport signs replies.
     *
     * @throws Dropped when the connection ended before any reply: the recorder may have shed it unread
     */
    String exchange(String command, Duration timeout) throws IOException, TimeoutException, InterruptedException {
        Token.Request request = token == null ? null : token.request(command.strip());
        String line = request == null ? command : request.line();
        try {
            ByteBuffer out = ByteBuffer.wrap((line + "\n").getBytes(StandardCharsets.UTF_8));
            while (out.hasRemaining()) {
                channel.write(out);
            }
        } catch (IOException e) {
            throw new Dropped("the recorder closed the connection before the request was sent: " + e.getMessage(), e);
        }
        // Channels have no read timeout: read on a thread of our own (a shared pool could be taken by other
        // waits) and let the caller close the channel on expiry, which ends the read.
        CompletableFuture<String> reply = CompletableFuture.supplyAsync(() -> {
            try {
                return Lines.readLine(channel, 1 << 20);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }, Connection::readerThread);
        String answer;
        try {
            answer = reply.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (ExecutionException e) {
            Throwable cause = e.getCause() instanceof UncheckedIOException u ? u.getCause() : e.getCause();
            throw new Dropped("reading the reply failed: " + cause.getMessage(), cause);
        }
        if (answer == null) {
            throw new Dropped("the recorder closed the connection without a reply", null);
        }
        if (request == null) {
            return answer;
        }
        return token.open(request, answer).orElseThrow(() -> new IOException("the process at " + where
                + " did not reply with the endpoint file's token (a recorder that restarted, or another process on a dead"
                + " recorder's port): " + abbreviate(answer)));
    }

    private static void readerThread(Runnable r) {
        Thread t = new Thread(r, "control-reply");
        t.setDaemon(true);
        t.start();
    }

    private static String abbreviate(String s) {
        return s.length() <= 80 ? s : s.substring(0, 80) + "...";
    }

    @Override
    public void close() throws IOException {
        channel.close();
    }

    /**
     * The connection ended with no reply at all. A recorder sheds connections under load (the oldest idle
     * ones, or all when its workers are busy) before reading them, so asking again is safe.
     */
    static final class Dropped extends IOException {
        private static final long serialVersionUID = 1L;

        Dropped(String message, Throwable cause) {
            super(message, cause);
        }
    }
}
