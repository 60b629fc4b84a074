package dev.sessionrecorder.devkit;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * A loopback HTTP/1.1 proxy that writes down every request passing through it: method, target and
 * headers. Bytes are forwarded unchanged, Host header included, so the clients' SigV4 signatures still
 * verify at the server behind it; it reads just enough of each request (its head, then a body framed by
 * Content-Length or chunked encoding) to find where the next one on a kept-alive connection starts.
 * Tests use it to see which API calls a component really makes. It only forwards to loopback.
 */
public final class HttpCallLog implements AutoCloseable {
    /** A response's status and headers (names in lower case). */
    public record Response(int status, Map<String, String> headers) {
        public Optional<String> header(String name) {
            return Optional.ofNullable(headers.get(name.toLowerCase(Locale.ROOT)));
        }
    }

    /**
     * One request as the client sent it; header names in lower case. {@code answer} completes with the
     * server's response once its head has passed back through the proxy.
     */
    public record Call(String method, String target, Map<String, String> headers, CompletableFuture<Response> answer) {
        /** The response, when one came back before the connection closed. */
        public Optional<Response> response() {
            return Optional.ofNullable(answer.getNow(null));
        }

        /** The path, without the query. */
        public String path() {
            int q = target.indexOf('?');
            return q < 0 ? target : target.substring(0, q);
        }

        /** Query parameters, decoded; a parameter without a value (S3's {@code ?uploads}) maps to "". */
        public Map<String, String> query() {
            Map<String, String> out = new LinkedHashMap<>();
            int q = target.indexOf('?');
            if (q < 0) {
                return out;
            }
            for (String pair : target.substring(q + 1).split("&")) {
                if (pair.isEmpty()) {
                    continue;
                }
                int eq = pair.indexOf('=');
                String name = URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
                out.put(name, eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
            }
            return out;
        }

        public Optional<String> header(String name) {
            return Optional.ofNullable(headers.get(name.toLowerCase(Locale.ROOT)));
        }

        @Override
        public String toString() {
            return method + " " + target + header("x-amz-target").map(t -> " [X-Amz-Target " + t + "]").orElse("")
                    + response().map(r -> " -> " + r.status()).orElse("");
        }
    }

    private final ServerSocket server;
    private final InetSocketAddress target;
    private final List<Call> calls = new ArrayList<>();
    private final ExecutorService pool = Executors.newCachedThreadPool(r -> {
        Thread t = new Thread(r, "http-call-log");
        t.setDaemon(true);
        return t;
    });

    private HttpCallLog(ServerSocket server, InetSocketAddress target) {
        this.server = server;
        this.target = target;
    }

    /** Listens on 127.0.0.1 and a random port, forwarding to {@code target} (which must be on this machine). */
    public static HttpCallLog start(URI target) throws IOException {
        LoopbackForward f = LoopbackForward.open(target, "the call log");
        HttpCallLog log = new HttpCallLog(f.server(), f.target());
        log.pool.execute(log::acceptLoop);
        return log;
    }

    public URI endpoint() {
        return URI.create("http://127.0.0.1:" + server.getLocalPort());
    }

    /** The calls so far, oldest first, and forgets them: one batch per phase of a test. */
    public List<Call> take() {
        synchronized (calls) {
            List<Call> out = List.copyOf(calls);
            calls.clear();
            return out;
        }
    }

    private void acceptLoop() {
        while (!server.isClosed()) {
            try {
                Socket client = server.accept();
                pool.execute(() -> serve(client));
            } catch (IOException e) {
                return; // closed
            }
        }
    }

    private void serve(Socket client) {
        try (client; Socket upstream = new Socket(target.getAddress(), target.getPort())) {
            client.setTcpNoDelay(true);
            upstream.setTcpNoDelay(true);
            Deque<Call> unanswered = new ArrayDeque<>();
            pool.execute(() -> answers(upstream, client, unanswered));
            InputStream in = client.getInputStream();
            OutputStream out = upstream.getOutputStream();
            while (true) {
                byte[] head = readHead(in);
                if (head == null) {
                    return;
                }
                Call call = parse(head);
                synchronized (calls) {
                    calls.add(call);
                }
                synchronized (unanswered) {
                    unanswered.add(call);
                }
                out.write(head);
                out.flush();
                copyBody(call, in, out);
            }
        } catch (IOException e) {
            // a connection the client or server dropped: nothing to record
        }
    }

    /**
     * Responses go back byte for byte, 100 Continue included; each final response's head is given to the
     * oldest unanswered request on the connection (HTTP/1.1 answers in order).
     */
    private static void answers(Socket from, Socket to, Deque<Call> unanswered) {
        try {
            InputStream in = from.getInputStream();
            OutputStream out = to.getOutputStream();
            while (true) {
                byte[] head = readHead(in);
                if (head == null) {
                    return;
                }
                out.write(head);
                out.flush();
                String[] lines = new String(head, StandardCharsets.ISO_8859_1).split("\r\n");
                int status = Integer.parseInt(lines[0].split(" ")[1]);
                if (status < 200) {
                    continue; // 100 Continue: the final response follows
                }
                Call call;
                synchronized (unanswered) {
                    call = unanswered.poll();
                }
                Map<String, String> headers = headers(lines);
                if (call != null) {
                    call.answer().complete(new Response(status, headers));
                }
                Call framing = new Call("", "", headers, new CompletableFuture<>());
                if ((call != null && call.method().equals("HEAD")) || status == 204 || status == 304) {
                    continue;
                }
                if (framing.header("transfer-encoding").isEmpty() && framing.header("content-length").isEmpty()) {
                    in.transferTo(out); // delimited by closing the connection
                    return;
                }
                copyBody(framing, in, out);
            }
        } catch (IOException | RuntimeException e) {
            // closed
        } finally {
            try {
                to.shutdownOutput();
            } catch (IOException ignored) {
                // already closed
            }
        }
    }

    /** The request line and headers up to the blank line, or null when the client closed between requests. */
    private static byte[] readHead(InputStream in) throws IOException {
        ByteArrayOutputStream head = new ByteArrayOutputStream();
        int matched = 0;
        byte[] end = {'\r', '\n', '\r', '\n'};
        while (matched < 4) {
            int b = in.read();
            if (b < 0) {
                if (head.size() == 0) {
                    return null;
                }
                throw new IOException("connection closed inside a request head");
            }
            head.write(b);
            matched = b == end[matched] ? matched + 1 : (b == '\r' ? 1 : 0);
        }
        return head.toByteArray();
    }

    private static Call parse(byte[] head) {
        String[] lines = new String(head, StandardCharsets.ISO_8859_1).split("\r\n");
        String[] requestLine = lines[0].split(" ");
        return new Call(requestLine[0], requestLine.length > 1 ? requestLine[1] : "", headers(lines), new CompletableFuture<>());
    }

    private static Map<String, String> headers(String[] lines) {
        Map<String, String> headers = new LinkedHashMap<>();
        for (int i = 1; i < lines.length; i++) {
            int colon = lines[i].indexOf(':');
            if (colon > 0) {
                headers.merge(lines[i].substring(0, colon).trim().toLowerCase(Locale.ROOT), lines[i].substring(colon + 1).trim(),
                        (a, b) -> a + "," + b);
            }
        }
        return Map.copyOf(headers);
    }

    private static void copyBody(Call call, InputStream in, OutputStream out) throws IOException {
        if (call.header("transfer-encoding").map(v -> v.toLowerCase(Locale.ROOT).contains("chunked")).orElse(false)) {
            while (true) {
                String sizeLine = readLine(in, out);
                int semicolon = sizeLine.indexOf(';');
                long size = Long.parseLong((semicolon < 0 ? sizeLine : sizeLine.substring(0, semicolon)).trim(), 16);
                if (size == 0) {
                    while (!readLine(in, out).isEmpty()) {
                        // trailers, up to the blank line
                    }
                    return;
                }
                copy(in, out, size);
                readLine(in, out); // the CRLF after the chunk
            }
        }
        long length = call.header("content-length").map(Long::parseLong).orElse(0L);
        copy(in, out, length);
    }

    /** Reads and forwards one CRLF-terminated line; returns it without the CRLF. */
    private static String readLine(InputStream in, OutputStream out) throws IOException {
        StringBuilder line = new StringBuilder();
        int prev = -1;
        while (true) {
            int b = in.read();
            if (b < 0) {
                throw new IOException("connection closed inside a chunked body");
            }
            out.write(b);
            if (prev == '\r' && b == '\n') {
                out.flush();
                return line.substring(0, line.length() - 1);
            }
            line.append((char) b);
            prev = b;
        }
    }

    private static void copy(InputStream in, OutputStream out, long n) throws IOException {
        byte[] buf = new byte[64 * 1024];
        while (n > 0) {
            int r = in.read(buf, 0, (int) Math.min(buf.length, n));
            if (r < 0) {
                throw new IOException("connection closed inside a request body");
            }
            out.write(buf, 0, r);
            n -= r;
        }
        out.flush();
    }

    @Override
    public void close() throws IOException {
        server.close();
        pool.shutdownNow();
    }
}
