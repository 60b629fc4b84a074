package dev.sessionrecorder.devkit;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A loopback TCP proxy that can cut connections mid-request with a TCP reset, the way a flaky VPC
 * endpoint or NAT does. It only ever connects to the target it was given (a local test server).
 */
public final class ResettingProxy implements AutoCloseable {
    private final ServerSocket server;
    private final InetSocketAddress target;
    private final ExecutorService pool = Executors.newCachedThreadPool(r -> {
        Thread t = new Thread(r, "resetting-proxy");
        t.setDaemon(true);
        return t;
    });
    private final Arm requests = new Arm();
    private final Arm responses = new Arm();
    private final AtomicInteger resetsDone = new AtomicInteger();

    /** When to cut one direction: after how many more bytes, on how many connections. */
    private static final class Arm {
        final AtomicInteger left = new AtomicInteger();
        final AtomicInteger generation = new AtomicInteger();
        volatile long afterBytes;

        void set(int connections, long bytes) {
            afterBytes = bytes;
            left.set(connections);
            generation.incrementAndGet();
        }
    }

    private ResettingProxy(ServerSocket server, InetSocketAddress target) {
        this.server = server;
        this.target = target;
    }

    /** Proxies 127.0.0.1:random to {@code target} (which must be on this machine). */
    public static ResettingProxy start(URI target) throws IOException {
        LoopbackForward f = LoopbackForward.open(target, "the proxy");
        ResettingProxy p = new ResettingProxy(f.server(), f.target());
        p.pool.execute(p::acceptLoop);
        return p;
    }

    public URI endpoint() {
        return URI.create("http://127.0.0.1:" + server.getLocalPort());
    }

    /**
     * Resets {@code connections} connections, new or already open (HTTP clients reuse them), each once it
     * has carried {@code afterBytes} more request bytes from now on.
     */
    public void resetNext(int connections, long afterBytes) {
        requests.set(connections, afterBytes);
    }

    /**
     * Resets {@code connections} connections once each has carried {@code afterBytes} more response bytes
     * from now on: a download cut off mid-body.
     */
    public void cutResponsesNext(int connections, long afterBytes) {
        responses.set(connections, afterBytes);
    }

    /** How many connections have been reset so far. */
    public int resets() {
        return resetsDone.get();
    }

    private void acceptLoop() {
        while (!server.isClosed()) {
            try {
                Socket client = server.accept();
                pool.execute(() -> serve(client));
            } catch (IOException e) {
                return;
            }
        }
    }

    private void serve(Socket client) {
        try (client; Socket upstream = new Socket()) {
            upstream.connect(target, 5_000);
            pool.execute(() -> copy(upstream, client, responses));
            copy(client, upstream, requests);
        } catch (IOException e) {
            // the test server went away: drop the connection
        }
    }

    /** Copies one direction, cutting it with a reset once {@code arm} says so. */
    private void copy(Socket from, Socket to, Arm arm) {
        byte[] buf = new byte[16 * 1024];
        int seenGeneration = arm.generation.get();
        long sinceArmed = 0;
        try {
            InputStream in = from.getInputStream();
            OutputStream out = to.getOutputStream();
            for (int n; (n = in.read(buf)) > 0; ) {
                if (arm.generation.get() != seenGeneration) {
                    seenGeneration = arm.generation.get();
                    sinceArmed = 0;
                }
                sinceArmed += n;
                if (sinceArmed >= arm.afterBytes && arm.left.getAndUpdate(k -> Math.max(0, k - 1)) > 0) {
                    out.write(buf, 0, n / 2); // part of the body has gone through
                    out.flush();
                    for (Socket s : new Socket[] {from, to}) {
                        s.setSoLinger(true, 0); // close with RST, not FIN
                        s.close();
                    }
                    resetsDone.incrementAndGet();
                    return;
                }
                out.write(buf, 0, n);
            }
            to.shutdownOutput();
        } catch (IOException e) {
            // the other side closed
        }
    }

    @Override
    public void close() throws IOException {
        server.close();
        pool.shutdownNow();
    }
}
