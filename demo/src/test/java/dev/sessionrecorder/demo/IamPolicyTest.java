package dev.sessionrecorder.demo;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpServer;
import dev.sessionrecorder.core.config.ConfigLoader;
import dev.sessionrecorder.core.control.ControlClient;
import dev.sessionrecorder.core.control.RecorderSlots;
import dev.sessionrecorder.core.spool.Json;
import dev.sessionrecorder.core.upload.S3Layout;
import dev.sessionrecorder.devkit.EmbeddedS3;
import dev.sessionrecorder.devkit.HttpCallLog;
import dev.sessionrecorder.devkit.HttpCallLog.Call;
import dev.sessionrecorder.devkit.JavaProcess;
import dev.sessionrecorder.devkit.XvncDisplay;
import dev.sessionrecorder.installer.DoctorS3Checks;
import dev.sessionrecorder.recordings.cli.RecordingsCli;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * The policies in docs/iam/ grant what the code calls. Every request the fleet's programs (session-start,
 * the recorder it launches, session-end), doctor's S3 probe and the auditors' {@code recordings} (list,
 * show, verify, fetch) send goes through a logging proxy in front of S3Proxy and a loopback AppStream;
 * each is mapped to the IAM action and resource AWS would check, and must be allowed by that role's
 * documented policy. A call the policy does not grant is a recording that fails on AWS with AccessDenied.
 */
class IamPolicyTest {
    static final String BUCKET = "recordings";
    static final String PREFIX = "rec";
    static final String REGION = EmbeddedS3.REGION;
    static final String ACCOUNT = "123456789012";
    static final String STACK = "stack-a";
    static final String SESSION = "iam-1";
    static final Path DOCS = Path.of("..", "docs", "iam");
    static final Map<String, String> PLACEHOLDERS = Map.of("BUCKET", BUCKET, "PREFIX", PREFIX, "REGION", REGION,
            "ACCOUNT", ACCOUNT, "KEY_ID", "0b1e6e3c-8d5a-4f7e-9c1a-2f3d4e5f6a7b");

    @TempDir
    Path dir;

    @Test
    void everyCallOfRecorderHooksDoctorAndRecordingsIsGrantedByItsDocumentedPolicy() throws Exception {
        List<Call> fleet;
        List<Call> doctor;
        List<Call> readers;
        try (XvncDisplay display = XvncDisplay.start(1280, 720, dir.resolve("xvnc.log"));
             EmbeddedS3 s3 = EmbeddedS3.start(dir.resolve("s3"), BUCKET);
             HttpCallLog s3Calls = HttpCallLog.start(s3.endpoint());
             FakeAppStream appStream = FakeAppStream.start();
             HttpCallLog appStreamCalls = HttpCallLog.start(appStream.endpoint())) {
            display.startWorkload();
            fleet = fleet(display, s3, s3Calls, appStreamCalls);
            doctor = doctor(s3, s3Calls);
            readers = readers(s3, s3Calls);
        }

        List<String> denied = new ArrayList<>();
        List<String> storeOnly = new ArrayList<>();
        Set<String> fleetActions = check("fleet-role.json", fleet, denied, storeOnly);
        Set<String> doctorActions = check("image-builder.json", doctor, denied, new ArrayList<>());
        Set<String> readerActions = check("readers.json", readers, denied, new ArrayList<>());
        assertThat(denied).as("calls the documented policy does not allow (each would be AccessDenied on AWS)").isEmpty();
        // S3Proxy does not echo x-amz-checksum-sha256, so here the recorder confirms chunks with HEAD; on AWS
        // the echo confirms them and no s3:GetObject is needed (docs/iam.md says so; the fleet role must not read).
        storeOnly.forEach(s -> System.out.println("Not needed on AWS: " + s));

        // The calls were really seen, so the check above is not vacuous; each list is what the code needs today.
        assertThat(fleetActions).containsExactlyInAnyOrder("s3:PutObject", "s3:ListBucketMultipartUploads", "s3:AbortMultipartUpload",
                "appstream:DescribeSessions");
        assertThat(doctorActions).containsExactlyInAnyOrder("s3:PutObject", "s3:GetObject", "s3:DeleteObject");
        assertThat(readerActions).containsExactlyInAnyOrder("s3:ListBucket", "s3:GetObject");
    }

    /** The documents a reader copies: valid, and every placeholder one iam.md explains. */
    @Test
    void policyDocumentsParseAndUseOnlyDocumentedPlaceholders() throws Exception {
        String guide = Files.readString(Path.of("..", "docs", "iam.md"));
        for (String name : List.of("fleet-role.json", "image-builder.json", "readers.json", "bucket-policy.json")) {
            String text = Files.readString(DOCS.resolve(name));
            Json.mapper().readTree(text);
            assertThat(guide).as("docs/iam.md links " + name).contains("iam/" + name);
            java.util.regex.Matcher m = java.util.regex.Pattern.compile("\\b[A-Z][A-Z_]{2,}\\b").matcher(text);
            while (m.find()) {
                assertThat(PLACEHOLDERS).as(name + " uses placeholder " + m.group()).containsKey(m.group());
            }
        }
        PLACEHOLDERS.keySet().forEach(p -> assertThat(guide).as("docs/iam.md explains " + p).contains("`" + p + "`"));
    }

    /**
     * The fleet's programs as AppStream runs them: session-start collects the claims (here from the
     * environment, as on Linux), asks AppStream, launches the recorder; the recorder is then killed, so
     * session-end's own S3 client uploads what it left. A multipart upload a crash abandoned under the
     * session's folder is waiting, so the clean-up calls are made too.
     */
    private List<Call> fleet(XvncDisplay display, EmbeddedS3 s3, HttpCallLog s3Calls, HttpCallLog appStreamCalls) throws Exception {
        Path config = config(dir.resolve("fleet"), s3, s3Calls.endpoint(), "fleet");
        try (S3Client direct = s3.client()) {
            Set<String> bases = new LinkedHashSet<>();
            Instant now = Instant.now();
            for (Instant t : List.of(now, now.plusSeconds(30))) { // the day may turn while session-start runs
                bases.add(S3Layout.keyBase(PREFIX, t, Optional.of(STACK), SESSION));
            }
            for (String base : bases) {
                direct.createMultipartUpload(b -> b.bucket(BUCKET).key(base + "/chunks/000001.mp4"));
            }
        }
        Map<String, String> env = Map.of("DISPLAY", display.display(), "AWS_EC2_METADATA_DISABLED", "true",
                "AppStream_UserName", "alice@corp.example", "AppStream_Session_ID", "s-123", "AppStream_Stack_Name", STACK,
                "AppStream_Resource_Name", "fleet-a", "AppStream_User_Access_Mode", "userpool");
        String start = hook(config, env, "session-start", "--session-id", SESSION, "--appstream-endpoint",
                appStreamCalls.endpoint() + "/");
        assertThat(start).contains("Verified with AppStream");
        int n = Integer.parseInt(display.display().substring(display.display().lastIndexOf(':') + 1));
        Path endpoint = RecorderSlots.endpoint(dir.resolve("fleet").resolve("spool"), Optional.of(RecorderSlots.forSession(n)));
        long pid = Json.mapper().readTree(ControlClient.send(endpoint, "status", Duration.ofSeconds(5))).path("pid").asLong();
        try {
            Thread.sleep(7_000); // one 5 s chunk closes and the recorder uploads it
        } finally {
            ProcessHandle.of(pid).ifPresent(ProcessHandle::destroyForcibly);
        }
        assertThat(ProcessHandle.of(pid).map(p -> p.onExit().orTimeout(10, TimeUnit.SECONDS).join()).isPresent()).isTrue();
        String end = hook(config, env, "session-end", "--budget-seconds", "30");
        assertThat(end).contains("session " + SESSION + ":", "0 left on disk");
        List<Call> calls = new ArrayList<>(s3Calls.take());
        calls.addAll(appStreamCalls.take());
        return calls;
    }

    private String hook(Path config, Map<String, String> env, String command, String... extra) throws Exception {
        Path log = dir.resolve(command + ".out");
        List<String> args = new ArrayList<>(List.of(command, "--config", config.toString()));
        args.addAll(List.of(extra));
        Process p = JavaProcess.start("dev.sessionrecorder.hooks.HooksCli", args, env, log);
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).as(command + " finished").isTrue();
        String out = Files.readString(log);
        assertThat(p.exitValue()).as(command + ":\n" + out).isZero();
        return out;
    }

    /** doctor's S3 check with the image builder's credentials, as install runs it. */
    private List<Call> doctor(EmbeddedS3 s3, HttpCallLog s3Calls) throws Exception {
        Path config = config(dir.resolve("builder"), s3, s3Calls.endpoint(), "builder");
        List<String> checks = DoctorS3Checks.run(ConfigLoader.forThisPlatform().load(config).s3());
        assertThat(checks).as("doctor's S3 checks").hasSize(3).allMatch(c -> c.startsWith("PASS"));
        return s3Calls.take();
    }

    /** An auditor finding, showing, verifying and fetching the session, with the recorder's layout and nothing else. */
    private List<Call> readers(EmbeddedS3 s3, HttpCallLog s3Calls) throws Exception {
        Path credentials = s3.writeCredentialsFile(dir.resolve("auditor-credentials"), "auditor");
        List<String> store = List.of("--bucket", BUCKET, "--region", REGION, "--prefix", PREFIX, "--endpoint",
                s3Calls.endpoint().toString(), "--path-style", "--profile", "auditor", "--profile-file", credentials.toString());
        String today = LocalDate.now(ZoneOffset.UTC).minusDays(1).toString();
        recordings(store, "list", "--since", today).contains(SESSION);
        recordings(store, "show", SESSION);
        recordings(store, "verify", SESSION);
        recordings(store, "fetch", SESSION, "--out", dir.resolve("evidence").toString());
        assertThat(dir.resolve("evidence").resolve(SESSION).resolve("manifest.json")).exists();
        return s3Calls.take();
    }

    private static org.assertj.core.api.AbstractStringAssert<?> recordings(List<String> store, String command, String... more) {
        List<String> args = new ArrayList<>(List.of(command));
        args.addAll(List.of(more));
        args.addAll(store);
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = RecordingsCli.run(new PrintWriter(out, true), new PrintWriter(err, true), args.toArray(String[]::new));
        assertThat(code).as("recordings " + command + "\n" + out + err).isZero();
        return assertThat(out.toString());
    }

    private static Path config(Path home, EmbeddedS3 s3, URI endpoint, String profile) throws Exception {
        Files.createDirectories(home);
        Path creds = s3.writeCredentialsFile(home.resolve("credentials"), profile);
        ObjectNode cfg = Json.mapper().createObjectNode();
        cfg.putObject("s3").put("bucket", BUCKET).put("region", REGION).put("prefix", PREFIX).put("endpoint", endpoint.toString())
                .put("pathStyle", true).put("profile", profile).put("profileFile", creds.toString());
        cfg.putObject("recording").put("fps", 5).put("chunkSeconds", 5);
        cfg.putObject("spool").put("dir", home.resolve("spool").toString());
        cfg.putObject("logs").put("dir", home.resolve("logs").toString());
        return Files.writeString(home.resolve("recorder.json"), Json.mapper().writeValueAsString(cfg));
    }

    /**
     * Maps each call to what IAM checks and collects those the policy does not allow; returns the actions
     * the policy had to allow. A HEAD that confirms a PUT the store answered without echoing its checksum
     * goes to {@code storeOnly} instead: the uploader's fallback for such stores, never taken on AWS.
     */
    private static Set<String> check(String policyFile, List<Call> calls, List<String> denied, List<String> storeOnly) throws Exception {
        IamPolicy policy = IamPolicy.read(DOCS.resolve(policyFile), PLACEHOLDERS);
        String stackArn = "arn:aws:appstream:" + REGION + ":" + ACCOUNT + ":stack/" + STACK;
        Set<String> actions = new TreeSet<>();
        System.out.println(policyFile + ": " + calls.size() + " calls");
        for (int i = 0; i < calls.size(); i++) {
            Call call = calls.get(i);
            System.out.println("  " + call);
            for (IamActions.Need need : IamActions.of(call, stackArn)) {
                if (policy.allowingSid(need) != null) {
                    actions.add(need.action());
                } else if (confirmsAnUnechoedPut(calls.subList(0, i), call)) {
                    storeOnly.add(policyFile + ": " + need);
                } else {
                    actions.add(need.action());
                    denied.add(policyFile + " does not allow " + need);
                }
            }
        }
        return actions;
    }

    private static boolean confirmsAnUnechoedPut(List<Call> before, Call head) {
        if (!head.method().equals("HEAD")) {
            return false;
        }
        for (int i = before.size() - 1; i >= 0; i--) {
            Call c = before.get(i);
            if (c.method().equals("PUT") && c.target().equals(head.target())) {
                return c.response().map(r -> r.status() == 200 && r.header("x-amz-checksum-sha256").isEmpty()).orElse(false);
            }
        }
        return false;
    }

    /** Answers DescribeSessions as AppStream does for a stack with alice's session s-123. */
    private static final class FakeAppStream implements AutoCloseable {
        private final HttpServer server;

        private FakeAppStream(HttpServer server) {
            this.server = server;
        }

        static FakeAppStream start() throws Exception {
            HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
            server.createContext("/", ex -> {
                ex.getRequestBody().readAllBytes();
                byte[] body = ("{\"Sessions\": [{\"Id\": \"s-123\", \"UserId\": \"alice@corp.example\", \"StackName\": \"" + STACK
                        + "\", \"FleetName\": \"fleet-a\", \"State\": \"ACTIVE\"}]}").getBytes(StandardCharsets.UTF_8);
                ex.getResponseHeaders().add("Content-Type", "application/x-amz-json-1.1");
                ex.sendResponseHeaders(200, body.length);
                ex.getResponseBody().write(body);
                ex.close();
            });
            server.start();
            return new FakeAppStream(server);
        }

        URI endpoint() {
            return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
        }

        @Override
        public void close() {
            server.stop(0);
        }
    }
}
