package dev.sessionrecorder.hooks;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.sun.net.httpserver.HttpServer;
import dev.sessionrecorder.core.spool.Json;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.SdkHttpClient;
import software.amazon.awssdk.http.apache.ApacheHttpClient;

/** DescribeSessions over real HTTP and SigV4 against a loopback server that answers like AppStream. */
class AppStreamVerifierTest {
    HttpServer server;
    SdkHttpClient http;
    final AtomicReference<String> reply = new AtomicReference<>();
    final AtomicReference<Integer> status = new AtomicReference<>(200);
    final AtomicReference<String> target = new AtomicReference<>();
    final AtomicReference<String> authorization = new AtomicReference<>();
    final AtomicReference<JsonNode> request = new AtomicReference<>();

    @BeforeEach
    void start() throws Exception {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/", ex -> {
            target.set(ex.getRequestHeaders().getFirst("X-Amz-Target"));
            authorization.set(ex.getRequestHeaders().getFirst("Authorization"));
            request.set(Json.mapper().readTree(ex.getRequestBody().readAllBytes()));
            byte[] body = reply.get().getBytes(StandardCharsets.UTF_8);
            ex.getResponseHeaders().add("Content-Type", "application/x-amz-json-1.1");
            ex.sendResponseHeaders(status.get(), body.length);
            ex.getResponseBody().write(body);
            ex.close();
        });
        server.start();
        http = ApacheHttpClient.builder().build();
    }

    @AfterEach
    void stop() {
        http.close();
        server.stop(0);
    }

    private AppStreamVerifier verifier() {
        return new AppStreamVerifier(URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/"), "eu-west-1",
                StaticCredentialsProvider.create(AwsBasicCredentials.create("AKIDEXAMPLE", "secret")), http);
    }

    private static final String SESSIONS = """
            {"Sessions": [{"Id": "s-other", "UserId": "alice@corp.example", "StackName": "st", "FleetName": "fl", "State": "ACTIVE"},
                          {"Id": "s-123", "UserId": "alice@corp.example", "StackName": "st", "FleetName": "fl", "State": "ACTIVE",
                           "NetworkAccessConfiguration": {"EniPrivateIpAddress": "10.1.2.3", "EniId": "eni-1"}}]}""";

    @Test
    void confirmsTheSessionBelongsToTheUserAndLearnsItsPrivateIp() {
        reply.set(SESSIONS);
        AppStreamVerifier.Verdict v = verifier().verify("st", "fl", "s-123", "alice@corp.example", Optional.of("USERPOOL"));

        assertThat(v.verified()).isTrue();
        assertThat(v.privateIp()).contains("10.1.2.3");
        assertThat(target.get()).isEqualTo("PhotonAdminProxyService.DescribeSessions");
        assertThat(authorization.get()).startsWith("AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/").contains("/eu-west-1/appstream/aws4_request");
        assertThat(request.get().path("StackName").asText()).isEqualTo("st");
        assertThat(request.get().path("FleetName").asText()).isEqualTo("fl");
        assertThat(request.get().path("UserId").asText()).isEqualTo("alice@corp.example");
        assertThat(request.get().path("AuthenticationType").asText()).isEqualTo("USERPOOL");
    }

    @Test
    void aSessionIdThatIsNotTheUsersIsNotVerified() {
        reply.set(SESSIONS);
        AppStreamVerifier.Verdict v = verifier().verify("st", "fl", "s-999", "alice@corp.example", Optional.empty());
        assertThat(v.verified()).isFalse();
        assertThat(v.detail()).contains("lists no session s-999 for alice@corp.example in st/fl");
    }

    @Test
    void aRoleWithoutThePermissionIsReportedNotGuessed() {
        status.set(400);
        reply.set("{\"__type\": \"com.amazonaws.appstream#AccessDeniedException\", \"message\": \"not authorized\"}");
        AppStreamVerifier.Verdict v = verifier().verify("st", "fl", "s-123", "alice@corp.example", Optional.empty());
        assertThat(v.verified()).isFalse();
        assertThat(v.detail()).contains("not checked", "AccessDeniedException", "lacks appstream:DescribeSessions");
    }

    @Test
    void accessModesMapToAuthenticationTypes() {
        assertThat(AppStreamVerifier.authenticationType(Optional.of("userpool"))).contains("USERPOOL");
        assertThat(AppStreamVerifier.authenticationType(Optional.of("saml"))).contains("SAML");
        assertThat(AppStreamVerifier.authenticationType(Optional.of("custom"))).contains("API");
    }
}
