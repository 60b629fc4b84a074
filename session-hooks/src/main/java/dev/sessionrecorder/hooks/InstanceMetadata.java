package dev.sessionrecorder.hooks;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Optional;

/**
 * The EC2 instance id through IMDSv2 (a session token first, then the value), where the instance
 * exposes the metadata service; streaming instances may not. Timeouts are short: session-start must not
 * wait on it. Honours the SDK's own settings: AWS_EC2_METADATA_DISABLED and AWS_EC2_METADATA_SERVICE_ENDPOINT.
 */
final class InstanceMetadata {
    static final URI DEFAULT_ENDPOINT = URI.create("http://169.254.169.254");
    private final URI endpoint;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(1)).build();

    InstanceMetadata(URI endpoint) {
        this.endpoint = endpoint;
    }

    static Optional<InstanceMetadata> fromEnvironment() {
        if ("true".equalsIgnoreCase(System.getenv("AWS_EC2_METADATA_DISABLED"))) {
            return Optional.empty();
        }
        String override = System.getenv("AWS_EC2_METADATA_SERVICE_ENDPOINT");
        return Optional.of(new InstanceMetadata(override == null || override.isBlank() ? DEFAULT_ENDPOINT : URI.create(override)));
    }

    Optional<String> instanceId() {
        try {
            HttpResponse<String> token = http.send(HttpRequest.newBuilder(endpoint.resolve("/latest/api/token"))
                    .timeout(Duration.ofSeconds(1))
                    .header("X-aws-ec2-metadata-token-ttl-seconds", "60")
                    .PUT(HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString());
            if (token.statusCode() != 200) {
                return Optional.empty();
            }
            HttpResponse<String> id = http.send(HttpRequest.newBuilder(endpoint.resolve("/latest/meta-data/instance-id"))
                    .timeout(Duration.ofSeconds(1))
                    .header("X-aws-ec2-metadata-token", token.body()).GET().build(), HttpResponse.BodyHandlers.ofString());
            return id.statusCode() == 200 && id.body().startsWith("i-") ? Optional.of(id.body().strip()) : Optional.empty();
        } catch (java.io.IOException e) {
            return Optional.empty();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Optional.empty();
        }
    }
}
