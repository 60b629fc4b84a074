package dev.sessionrecorder.hooks;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** IMDSv2 against a loopback server that, like the real one, refuses a metadata read without a token. */
class InstanceMetadataTest {

    @Test
    void readsTheInstanceIdWithASessionToken() throws Exception {
        HttpServer imds = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        imds.createContext("/latest/api/token", ex -> {
            boolean ok = ex.getRequestMethod().equals("PUT") && ex.getRequestHeaders().containsKey("X-aws-ec2-metadata-token-ttl-seconds");
            byte[] body = "tok-1".getBytes(StandardCharsets.UTF_8);
            ex.sendResponseHeaders(ok ? 200 : 400, body.length);
            ex.getResponseBody().write(body);
            ex.close();
        });
        imds.createContext("/latest/meta-data/instance-id", ex -> {
            boolean ok = "tok-1".equals(ex.getRequestHeaders().getFirst("X-aws-ec2-metadata-token"));
            byte[] body = (ok ? "i-0123456789abcdef0" : "").getBytes(StandardCharsets.UTF_8);
            ex.sendResponseHeaders(ok ? 200 : 401, body.length == 0 ? -1 : body.length);
            ex.getResponseBody().write(body);
            ex.close();
        });
        imds.start();
        try {
            URI endpoint = URI.create("http://127.0.0.1:" + imds.getAddress().getPort());
            assertThat(new InstanceMetadata(endpoint).instanceId()).contains("i-0123456789abcdef0");
        } finally {
            imds.stop(0);
        }
    }

    @Test
    void noMetadataServiceMeansNoInstanceIdQuickly() throws Exception {
        int port;
        try (ServerSocket s = new ServerSocket(0)) {
            port = s.getLocalPort();
        }
        long t0 = System.nanoTime();
        assertThat(new InstanceMetadata(URI.create("http://127.0.0.1:" + port)).instanceId()).isEmpty();
        assertThat((System.nanoTime() - t0) / 1_000_000).isLessThan(3_000);
    }
}
