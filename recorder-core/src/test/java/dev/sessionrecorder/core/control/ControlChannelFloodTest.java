package dev.sessionrecorder.core.control;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sessionrecorder.core.control.ControlServer.Transport;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.SocketChannel;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The recorded user can open loopback TCP connections to the recorder (and a broken admin tool could do
 * the same on AF_UNIX). A thread per connection blocked on a line that never came let such connections
 * exhaust the recorder, and an Error while dispatching killed its accept thread: session-end could then
 * never stop it. Real sockets; timeouts are generous and only bound how long a failure takes to show.
 */
class ControlChannelFloodTest {
    private static final Duration GENEROUS = Duration.ofSeconds(30);

    @TempDir
    Path dir;
    final List<SocketChannel> opened = new ArrayList<>();
    volatile boolean slowLorisRunning = true;

    @AfterEach
    void closeAll() throws IOException {
        slowLorisRunning = false;
        for (SocketChannel c : opened) {
            c.close();
        }
    }

    @ParameterizedTest
    @EnumSource(Transport.class)
    void idleAndSlowConnectionsHoldNoThreadsAndDelayNeitherAStatusNorAStop(Transport transport) throws Exception {
        Path sock = dir.resolve("r.sock");
        CountDownLatch drained = new CountDownLatch(1);
        try (ControlServer s = ControlServerTest.start(transport, sock, cmd -> {
            if (cmd.equals("stop")) {
                await(drained); // a stop holds its worker while the recorder drains
                return "{\"state\":\"stopped\"}";
            }
            return "{\"state\":\"recording\"}";
        })) {
            SocketAddress address = address(transport, sock);
            List<SocketChannel> idle = new ArrayList<>();
            for (int i = 0; i < 500; i++) {
                idle.add(connect(address));
            }
            List<SocketChannel> slow = new ArrayList<>();
            for (int i = 0; i < 20; i++) {
                slow.add(connect(address));
            }
            Thread loris = new Thread(() -> trickle(slow), "slow-loris");
            loris.setDaemon(true);
            loris.start();

            // No thread per connection: at most the bounded worker pool, and nothing is running on it yet.
            assertThat(Thread.getAllStackTraces().keySet()).filteredOn(t -> t.getName().equals("control"))
                    .hasSizeLessThanOrEqualTo(Workers.MAX_THREADS);

            assertThat(ControlClient.send(sock, "status", GENEROUS)).isEqualTo("{\"state\":\"recording\"}");
            CompletableFuture<String> stop = CompletableFuture.supplyAsync(() -> send(sock, "stop"));
            // While the stop drains, session-end's status is still answered.
            assertThat(ControlClient.send(sock, "status", GENEROUS)).isEqualTo("{\"state\":\"recording\"}");
            assertThat(stop).isNotDone();
            drained.countDown();
            assertThat(stop.get(GENEROUS.toSeconds(), TimeUnit.SECONDS)).isEqualTo("{\"state\":\"stopped\"}");

            // Every idle and slow connection is closed by the recorder, not held open.
            List<SocketChannel> all = new ArrayList<>(idle);
            all.addAll(slow);
            assertThat(closedByPeer(all, GENEROUS)).isEqualTo(all.size());
        }
    }

    @ParameterizedTest
    @EnumSource(Transport.class)
    void anErrorWhileDispatchingDropsOneRequestAndTheChannelKeepsServing(Transport transport) throws Exception {
        Path sock = dir.resolve("r.sock");
        AtomicInteger injected = new AtomicInteger();
        // Where an OutOfMemoryError ("unable to create native thread") surfaces when a worker is started.
        ThreadPoolExecutor failingOnce = new ThreadPoolExecutor(0, 2, 30, TimeUnit.SECONDS, new SynchronousQueue<>()) {
            @Override
            public void execute(Runnable command) {
                if (injected.getAndIncrement() == 0) {
                    throw new OutOfMemoryError("injected: unable to create native thread");
                }
                super.execute(command);
            }
        };
        Workers workers = new Workers(cmd -> "{\"answered\":\"" + cmd + "\"}", failingOnce);
        try (ControlServer s = ControlServer.start(sock, ControlServerTest.choice(transport), workers)) {
            // The first attempt is dropped unanswered; the client asks again and is served.
            assertThat(ControlClient.send(sock, "status", GENEROUS)).isEqualTo("{\"answered\":\"status\"}");
            assertThat(injected.get()).isGreaterThanOrEqualTo(2);
            assertThat(ControlClient.send(sock, "stop", GENEROUS)).isEqualTo("{\"answered\":\"stop\"}");
        }
    }

    @ParameterizedTest
    @EnumSource(Transport.class)
    void aLineLongerThanTheLimitIsDroppedUnanswered(Transport transport) throws Exception {
        Path sock = dir.resolve("r.sock");
        AtomicInteger handled = new AtomicInteger();
        try (ControlServer s = ControlServerTest.start(transport, sock, cmd -> {
            handled.incrementAndGet();
            return "{}";
        })) {
            SocketChannel c = connect(address(transport, sock));
            ByteBuffer big = ByteBuffer.wrap(new byte[Intake.Limits.DEFAULT.maxLine() * 4]);
            try {
                while (big.hasRemaining()) {
                    c.write(big);
                }
            } catch (IOException closedWhileWriting) {
                // the recorder dropped it part-way: what we expect
            }
            assertThat(closedByPeer(List.of(c), GENEROUS)).isEqualTo(1);
            assertThat(handled).hasValue(0);
            assertThat(ControlClient.send(sock, "status", GENEROUS)).isEqualTo("{}");
        }
    }

    private SocketChannel connect(SocketAddress address) throws IOException {
        SocketChannel c = SocketChannel.open(address instanceof UnixDomainSocketAddress ? StandardProtocolFamily.UNIX
                : StandardProtocolFamily.INET);
        opened.add(c);
        c.connect(address);
        return c;
    }

    private static SocketAddress address(Transport transport, Path sock) throws Exception {
        if (transport == Transport.UNIX) {
            return UnixDomainSocketAddress.of(sock);
        }
        int port = EndpointFile.read(EndpointFile.beside(sock)).orElseThrow().port();
        return new InetSocketAddress(InetAddress.getByName("127.0.0.1"), port);
    }

    /** One byte at a time, never a newline, as a slow-loris client does, until the recorder hangs up on each. */
    private void trickle(List<SocketChannel> slow) {
        List<SocketChannel> live = new ArrayList<>(slow);
        while (slowLorisRunning && !live.isEmpty()) {
            live.removeIf(c -> {
                try {
                    c.write(ByteBuffer.wrap(new byte[] {'x'}));
                    return false;
                } catch (IOException closed) {
                    return true;
                }
            });
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                return;
            }
        }
    }

    /** How many of {@code channels} see end-of-stream (or a reset) from the recorder within {@code timeout}. */
    private static int closedByPeer(List<SocketChannel> channels, Duration timeout) throws IOException {
        int closed = 0;
        long deadline = System.nanoTime() + timeout.toNanos();
        try (Selector selector = Selector.open()) {
            for (SocketChannel c : channels) {
                c.configureBlocking(false);
                c.register(selector, SelectionKey.OP_READ);
            }
            ByteBuffer sink = ByteBuffer.allocate(256);
            while (closed < channels.size() && System.nanoTime() < deadline) {
                selector.select(Math.max(1, TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime())));
                for (SelectionKey key : selector.selectedKeys()) {
                    int n;
                    try {
                        sink.clear();
                        n = ((SocketChannel) key.channel()).read(sink);
                    } catch (IOException reset) {
                        n = -1;
                    }
                    if (n < 0) {
                        key.cancel();
                        closed++;
                    }
                }
                selector.selectedKeys().clear();
            }
        }
        return closed;
    }

    private static String send(Path sock, String command) {
        try {
            return ControlClient.send(sock, command, GENEROUS);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static void await(CountDownLatch latch) {
        try {
            latch.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
