package dev.sessionrecorder.installer;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/**
 * Asks the instance metadata service for the instance role as the SDK would for the recorder's account: IMDSv2 (a token,
 * then the role name), honouring AWS_EC2_METADATA_DISABLED and AWS_EC2_METADATA_SERVICE_ENDPOINT from that account's
 * environment. One second per request, so a builder without the service does not stall doctor.
 */
final class Imds implements InstanceRole {
    static final URI DEFAULT_ENDPOINT = URI.create("http://169.254.169.254");
    private static final Duration TIMEOUT = Duration.ofSeconds(1);
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(TIMEOUT).build();

    @Override
    public Reading read(RecorderAccount account) {
        if (account.variable("AWS_EC2_METADATA_DISABLED").filter("true"::equalsIgnoreCase).isPresent()) {
            return new Disabled();
        }
        URI endpoint = account.variable("AWS_EC2_METADATA_SERVICE_ENDPOINT").map(URI::create).orElse(DEFAULT_ENDPOINT);
        try {
            HttpResponse<String> token = http.send(HttpRequest.newBuilder(endpoint.resolve("/latest/api/token")).timeout(TIMEOUT)
                    .header("X-aws-ec2-metadata-token-ttl-seconds", "60").PUT(HttpRequest.BodyPublishers.noBody()).build(),
                    HttpResponse.BodyHandlers.ofString());
            if (token.statusCode() != 200) {
                return new Unreachable(endpoint, "IMDSv2 token request answered " + token.statusCode());
            }
            HttpResponse<String> roles = http.send(HttpRequest.newBuilder(endpoint.resolve("/latest/meta-data/iam/security-credentials/"))
                    .timeout(TIMEOUT).header("X-aws-ec2-metadata-token", token.body()).GET().build(), HttpResponse.BodyHandlers.ofString());
            String first = roles.body().lines().map(String::strip).filter(l -> !l.isEmpty()).findFirst().orElse("");
            return roles.statusCode() == 200 && !first.isEmpty() ? new Role(first, endpoint) : new NoRole(endpoint);
        } catch (IOException | IllegalArgumentException e) {
            return new Unreachable(endpoint, e.getClass().getSimpleName() + (e.getMessage() != null ? ": " + e.getMessage() : ""));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new Unreachable(endpoint, "interrupted");
        }
    }
}
