package dev.sessionrecorder.devkit;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
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
    private final AtomicInteger resetsLeft = new AtomicInteger();
    private final AtomicInteger resetsDone = new AtomicInteger();
    private volatile long resetAfterBytes;
    private final AtomicInteger generation = new AtomicInteger();

    private ResettingProxy(ServerSocket server, InetSocketAddress target) {
        this.server = server;
        this.target = target;
    }

    /** Proxies 127.0.0.1:random to {@code target} (which must be on this machine). */
    public static ResettingProxy start(URI target) throws IOException {
        InetAddress host = InetAddress.getByName(target.getHost());
        if (!host.isLoopbackAddress()) {
            throw new IllegalArgumentException("the proxy only forwards to loopback, not " + target);
        }
        ServerSocket s = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        ResettingProxy p = new ResettingProxy(s, new InetSocketAddress(host, target.getPort()));
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
        resetAfterBytes = afterBytes;
        resetsLeft.set(connections);
        generation.incrementAndGet();
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
            pool.execute(() -> copy(upstream, client, false));
            copy(client, upstream, true);
        } catch (IOException e) {
            // the test server went away: drop the connection
        }
    }

    /** Copies one direction; the request direction may be cut with a reset once armed. */
    private void copy(Socket from, Socket to, boolean request) {
        byte[] buf = new byte[16 * 1024];
        int seenGeneration = generation.get();
        long sinceArmed = 0;
        try {
            InputStream in = from.getInputStream();
            OutputStream out = to.getOutputStream();
            for (int n; (n = in.read(buf)) > 0; ) {
                if (request && generation.get() != seenGeneration) {
                    seenGeneration = generation.get();
                    sinceArmed = 0;
                }
                sinceArmed += n;
                if (request && sinceArmed >= resetAfterBytes && resetsLeft.getAndUpdate(k -> Math.max(0, k - 1)) > 0) {
                    out.write(buf, 0, n / 2); // part of the body has gone through
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
