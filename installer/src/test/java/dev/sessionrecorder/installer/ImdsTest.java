package dev.sessionrecorder.installer;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The IMDSv2 exchange against a local stand-in, reached through AWS_EC2_METADATA_SERVICE_ENDPOINT as the SDK would. */
class ImdsTest {
    @Test
    void theRoleNameComesFromIamSecurityCredentialsWithTheToken() throws Exception {
        HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/latest/api/token", x -> answer(x, "PUT".equals(x.getRequestMethod()) ? 200 : 405, "tok"));
        server.createContext("/latest/meta-data/iam/security-credentials/", x ->
                answer(x, "tok".equals(x.getRequestHeaders().getFirst("X-aws-ec2-metadata-token")) ? 200 : 401, "fleet-recorder\n"));
        server.start();
        try {
            URI endpoint = URI.create("http://127.0.0.1:" + server.getAddress().getPort());
            InstanceRole.Reading r = new Imds().read(new RecorderAccount.Fixed("SYSTEM",
                    Map.of("AWS_EC2_METADATA_SERVICE_ENDPOINT", endpoint.toString()), true));
            assertThat(r).isEqualTo(new InstanceRole.Role("fleet-recorder", endpoint));
        } finally {
            server.stop(0);
        }
    }

    @Test
    void nothingListeningIsUnreachable() throws Exception {
        URI endpoint;
        try (java.net.ServerSocket s = new java.net.ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            endpoint = URI.create("http://127.0.0.1:" + s.getLocalPort());
        }
        InstanceRole.Reading r = new Imds().read(new RecorderAccount.Fixed("SYSTEM", Map.of("AWS_EC2_METADATA_SERVICE_ENDPOINT",
                endpoint.toString()), true));
        assertThat(r).isInstanceOf(InstanceRole.Unreachable.class);
    }

    private static void answer(com.sun.net.httpserver.HttpExchange x, int status, String body) throws java.io.IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        x.sendResponseHeaders(status, bytes.length);
        x.getResponseBody().write(bytes);
        x.close();
    }
}
