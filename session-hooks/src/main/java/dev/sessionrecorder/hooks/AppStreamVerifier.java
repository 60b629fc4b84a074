package dev.sessionrecorder.hooks;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.sessionrecorder.core.spool.Json;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.http.ContentStreamProvider;
import software.amazon.awssdk.http.HttpExecuteRequest;
import software.amazon.awssdk.http.HttpExecuteResponse;
import software.amazon.awssdk.http.SdkHttpClient;
import software.amazon.awssdk.http.SdkHttpMethod;
import software.amazon.awssdk.http.SdkHttpRequest;
import software.amazon.awssdk.http.auth.aws.signer.AwsV4HttpSigner;
import software.amazon.awssdk.http.auth.spi.signer.SignedRequest;

/**
 * Asks AppStream itself (appstream:DescribeSessions, where the fleet role allows it) whether the session
 * id belongs to the claimed user, turning a claim the user could edit into a verified fact, and learns
 * the session's private IP. The AppStream SDK module is not served at our SDK version, so this is one
 * JSON 1.1 call signed with the SDK's own SigV4 signer over its HTTP client.
 */
final class AppStreamVerifier {
    /** The outcome; {@code detail} says what was compared or why nothing was. */
    record Verdict(boolean verified, String detail, Optional<String> privateIp) {}

    private final URI endpoint;
    private final String region;
    private final AwsCredentialsProvider credentials;
    private final SdkHttpClient http;

    AppStreamVerifier(URI endpoint, String region, AwsCredentialsProvider credentials, SdkHttpClient http) {
        this.endpoint = endpoint;
        this.region = region;
        this.credentials = credentials;
        this.http = http;
    }

    static URI endpointFor(String region) {
        return URI.create("https://appstream2." + region + ".amazonaws.com/");
    }

    /** AppStream_User_Access_Mode (userpool, saml, custom) as DescribeSessions' AuthenticationType. */
    static Optional<String> authenticationType(Optional<String> accessMode) {
        return accessMode.map(m -> switch (m.toLowerCase()) {
            case "userpool" -> "USERPOOL";
            case "saml" -> "SAML";
            case "custom" -> "API";
            default -> null;
        });
    }

    Verdict verify(String stack, String fleet, String sessionId, String userId, Optional<String> authType) {
        ObjectNode body = Json.mapper().createObjectNode().put("StackName", stack).put("FleetName", fleet).put("UserId", userId);
        authType.ifPresent(t -> body.put("AuthenticationType", t));
        try {
            JsonNode reply = call(body.toString().getBytes(StandardCharsets.UTF_8));
            for (JsonNode s : reply.path("Sessions")) {
                if (s.path("Id").asText().equals(sessionId)) {
                    Optional<String> ip = Optional.of(s.path("NetworkAccessConfiguration").path("EniPrivateIpAddress").asText(""))
                            .filter(v -> !v.isBlank());
                    boolean same = s.path("UserId").asText().equalsIgnoreCase(userId);
                    return new Verdict(same, same ? "session " + sessionId + " belongs to " + userId + " in " + stack + "/" + fleet
                            : "session " + sessionId + " belongs to " + s.path("UserId").asText() + ", not " + userId, ip);
                }
            }
            return new Verdict(false, "AppStream lists no session " + sessionId + " for " + userId + " in " + stack + "/" + fleet,
                    Optional.empty());
        } catch (IOException | RuntimeException e) {
            return new Verdict(false, "not checked: " + e.getMessage(), Optional.empty());
        }
    }

    private JsonNode call(byte[] body) throws IOException {
        SdkHttpRequest request = SdkHttpRequest.builder().uri(endpoint).method(SdkHttpMethod.POST)
                .putHeader("Content-Type", "application/x-amz-json-1.1")
                .putHeader("X-Amz-Target", "PhotonAdminProxyService.DescribeSessions")
                .putHeader("Content-Length", Integer.toString(body.length))
                .build();
        SignedRequest signed = AwsV4HttpSigner.create().sign(r -> r.identity(credentials.resolveCredentials())
                .request(request)
                .payload(ContentStreamProvider.fromByteArray(body))
                .putProperty(AwsV4HttpSigner.SERVICE_SIGNING_NAME, "appstream")
                .putProperty(AwsV4HttpSigner.REGION_NAME, region));
        HttpExecuteResponse response = http.prepareRequest(HttpExecuteRequest.builder().request(signed.request())
                .contentStreamProvider(signed.payload().orElse(null)).build()).call();
        byte[] bytes;
        Optional<? extends InputStream> stream = response.responseBody();
        if (stream.isPresent()) {
            try (InputStream in = stream.get()) {
                bytes = in.readAllBytes();
            }
        } else {
            bytes = new byte[0];
        }
        JsonNode json = bytes.length == 0 ? Json.mapper().createObjectNode() : Json.mapper().readTree(bytes);
        if (!response.httpResponse().isSuccessful()) {
            String type = json.path("__type").asText("");
            throw new IOException("DescribeSessions answered HTTP " + response.httpResponse().statusCode()
                    + (type.isEmpty() ? "" : " " + type.substring(type.indexOf('#') + 1))
                    + (type.contains("AccessDenied") ? " (the fleet role lacks appstream:DescribeSessions)" : ""));
        }
        return json;
    }
}
