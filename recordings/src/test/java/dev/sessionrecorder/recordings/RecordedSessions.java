package dev.sessionrecorder.recordings;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.sessionrecorder.core.cli.RecorderCli;
import dev.sessionrecorder.core.control.ControlClient;
import dev.sessionrecorder.core.pipeline.LiveDesktop;
import dev.sessionrecorder.core.pipeline.RecorderFixture;
import dev.sessionrecorder.core.session.SessionMetadata.IdentityField;
import dev.sessionrecorder.core.spool.Json;
import dev.sessionrecorder.core.upload.S3Layout;
import dev.sessionrecorder.devkit.EmbeddedS3;
import dev.sessionrecorder.devkit.XvncDisplay;
import dev.sessionrecorder.recordings.cli.RecordingsCli;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * Real sessions for the tool's tests: the recorder runs as its own process on an Xvnc desktop and uploads
 * to S3Proxy, exactly as on an instance. Recording is real time, so the sessions are made once per class.
 */
final class RecordedSessions implements AutoCloseable {
    static final String BUCKET = "recordings";
    static final String PREFIX = "rec";

    private final LiveDesktop live;
    final XvncDisplay display;
    final EmbeddedS3 s3;
    final Path dir;
    final Path credentials;

    RecordedSessions(Path dir) throws Exception {
        this.dir = dir;
        live = LiveDesktop.start(dir, 1920, 1080, "#204080", BUCKET);
        display = live.display;
        s3 = live.s3;
        try {
            credentials = s3.writeCredentialsFile(dir.resolve("credentials"), "auditor");
        } catch (Exception e) {
            live.close();
            throw e;
        }
    }

    /**
     * Records one session of about {@code seconds}, in 5 s chunks; {@code midway} runs halfway through
     * (e.g. a resolution change).
     */
    void record(String sessionId, int seconds, List<String> identity, Runnable midway) throws Exception {
        RecorderFixture rec = new RecorderFixture(dir.resolve(sessionId), s3.endpoint(), s3, BUCKET, 5);
        Process p = rec.start(display.display(), sessionId, identity);
        assertThat(ControlClient.awaitCapturing(p, rec.dir.resolve("spool").resolve("recorder.sock"), Duration.ofSeconds(60)))
                .as(rec.log(sessionId)).isTrue();
        Thread.sleep(seconds * 500L); // the recorder captures in real time
        midway.run();
        Thread.sleep(seconds * 500L);
        assertThat(RecorderCli.run("stop", "--config", rec.config.toString())).as(rec.log(sessionId)).isZero();
        RecorderFixture.awaitExit(p);
        assertThat(p.exitValue()).as(rec.log(sessionId)).isZero();
    }

    /** The flags that point the tool at this bucket, as an auditor would type them. */
    List<String> store() {
        return store(s3.endpoint().toString());
    }

    List<String> store(String endpoint) {
        return store(endpoint, PREFIX);
    }

    List<String> store(String endpoint, String prefix) {
        return List.of("--bucket", BUCKET, "--region", EmbeddedS3.REGION, "--prefix", prefix, "--endpoint", endpoint,
                "--path-style", "--profile", "auditor", "--profile-file", credentials.toString());
    }

    S3Client client() {
        return s3.client();
    }

    /** Runs {@code recordings} in this JVM and keeps what it printed. */
    static Run run(List<String> args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = RecordingsCli.run(new PrintWriter(out, true), new PrintWriter(err, true), args.toArray(String[]::new));
        return new Run(code, out.toString(), err.toString());
    }

    static List<String> args(String command, List<String> store, String... more) {
        List<String> a = new ArrayList<>(List.of(command));
        a.addAll(List.of(more));
        a.addAll(store);
        return a;
    }

    record Run(int code, String out, String err) {
        JsonNode json() throws Exception {
            return Json.mapper().readTree(out);
        }

        @Override
        public String toString() {
            return "exit " + code + "\n--- stdout\n" + out + "--- stderr\n" + err;
        }
    }

    /**
     * Copies a recorded session to another day, stack and id, rewriting only session.json: the chain does
     * not name the session, so the copy verifies. Gives the date filters sessions on other days.
     */
    String copyAs(String fromKeyBase, String day, String stack, String id, String user, String fleet) throws Exception {
        return copyAs(fromKeyBase, PREFIX, Instant.parse(day.replace('/', '-') + "T09:00:00Z"), stack, id, user, fleet, Map.of());
    }

    /**
     * Copies a recorded session under {@code prefix} as if it had started at {@code start} (its key folder
     * is the recorder's own layout for that instant), with {@code identity} as session-start would have
     * written it, e.g. a PhotonUser session with an AppStream_UserName claim.
     */
    String copyAs(String fromKeyBase, String prefix, Instant start, String stack, String id, String user, String fleet,
                  Map<String, IdentityField> identity) throws Exception {
        return copyAs(fromKeyBase, BUCKET, prefix, start, stack, id, user, fleet, identity);
    }

    /** The same, into another bucket of this server (which must exist). */
    String copyAs(String fromKeyBase, String toBucket, String prefix, Instant start, String stack, String id, String user,
                  String fleet, Map<String, IdentityField> identity) throws Exception {
        String base = S3Layout.keyBase(prefix, start, Optional.of(stack), id);
        try (S3Client c = client()) {
            for (var o : c.listObjectsV2Paginator(b -> b.bucket(BUCKET).prefix(fromKeyBase + "/")).contents()) {
                String rest = o.key().substring(fromKeyBase.length());
                byte[] body = c.getObjectAsBytes(b -> b.bucket(BUCKET).key(o.key())).asByteArray();
                if (rest.equals("/session.json")) {
                    ObjectNode m = (ObjectNode) Json.mapper().readTree(body);
                    m.put("sessionId", id).put("keyBase", base).put("stack", stack).put("fleet", fleet)
                            .put("startedAt", start.toString()).put("endedAt", start.plusSeconds(30).toString());
                    ((ObjectNode) m.path("user")).put("value", user);
                    if (!identity.isEmpty()) {
                        m.set("identity", Json.mapper().valueToTree(identity));
                    }
                    body = Json.mapper().writeValueAsBytes(m);
                } else if (rest.equals("/manifest.json")) {
                    ObjectNode m = (ObjectNode) Json.mapper().readTree(body);
                    m.put("sessionId", id);
                    body = Json.mapper().writeValueAsBytes(m);
                }
                byte[] b2 = body;
                c.putObject(b -> b.bucket(toBucket).key(base + rest), RequestBody.fromBytes(b2));
            }
        }
        return base;
    }

    @Override
    public void close() throws Exception {
        live.close();
    }
}
