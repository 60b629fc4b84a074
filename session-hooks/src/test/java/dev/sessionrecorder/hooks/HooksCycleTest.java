package dev.sessionrecorder.hooks;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.sessionrecorder.core.control.ControlClient;
import dev.sessionrecorder.core.control.RecorderSlots;
import dev.sessionrecorder.core.manifest.ChainVerifier;
import dev.sessionrecorder.core.spool.ChunkRecord;
import dev.sessionrecorder.core.spool.FileHash;
import dev.sessionrecorder.core.spool.Json;
import dev.sessionrecorder.devkit.EmbeddedS3;
import dev.sessionrecorder.devkit.JavaProcess;
import dev.sessionrecorder.devkit.XvncDisplay;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * The session scripts end to end on Linux: session-start and session-end run as their own processes
 * (as AppStream runs them), the recorder runs detached between them, S3 is S3Proxy.
 */
class HooksCycleTest {
    static final String BUCKET = "hooks";

    @TempDir
    static Path shared;
    static XvncDisplay display;
    static EmbeddedS3 s3;

    @TempDir
    Path dir;
    Path config;
    long recorderPid = -1;

    @BeforeAll
    static void start() throws Exception {
        display = XvncDisplay.start(1280, 720, shared.resolve("xvnc.log"));
        display.startWorkload();
        s3 = EmbeddedS3.start(shared.resolve("s3"), BUCKET);
    }

    @AfterAll
    static void stop() throws Exception {
        if (s3 != null) {
            s3.close();
        }
        if (display != null) {
            display.close();
        }
    }

    @AfterEach
    void noRecorderLeftBehind() {
        if (recorderPid > 0) {
            ProcessHandle.of(recorderPid).ifPresent(ProcessHandle::destroyForcibly);
        }
    }

    private Path config(URI endpoint) throws Exception {
        Path creds = s3.writeCredentialsFile(dir.resolve("credentials"), "t");
        ObjectNode cfg = Json.mapper().createObjectNode();
        cfg.putObject("s3").put("bucket", BUCKET).put("region", EmbeddedS3.REGION).put("prefix", "rec")
                .put("endpoint", endpoint.toString()).put("pathStyle", true).put("profile", "t").put("profileFile", creds.toString());
        cfg.putObject("recording").put("fps", 5).put("chunkSeconds", 5);
        cfg.putObject("spool").put("dir", dir.resolve("spool").toString());
        cfg.putObject("logs").put("dir", dir.resolve("logs").toString());
        config = Files.writeString(dir.resolve("recorder.json"), Json.mapper().writeValueAsString(cfg));
        return config;
    }

    /** Runs a hook as AppStream would: its own process, its output captured; returns exit code and output. */
    private record Run(int exit, String output, long millis) {}

    private Run hook(String command, String... extra) throws Exception {
        return hookOn(display, command, extra);
    }

    /** The hook of the user session on {@code x}: on X, the display is the session. */
    private Run hookOn(XvncDisplay x, String command, String... extra) throws Exception {
        return hookWith(List.of(), x, command, extra);
    }

    private Run hookWith(List<String> jvmOptions, XvncDisplay x, String command, String... extra) throws Exception {
        Path log = dir.resolve(command + ".out");
        Files.deleteIfExists(log);
        List<String> args = new java.util.ArrayList<>(List.of(command, "--config", config.toString()));
        args.addAll(List.of(extra));
        long t0 = System.nanoTime();
        Process p = JavaProcess.start(jvmOptions, HooksCli.class.getName(), args,
                // No instance metadata service here: 169.254.169.254 must never be contacted from tests.
                // A hostile claimed session id (a path that would leave the spool) on every run: recorded as rejected, never used.
                Map.of("DISPLAY", x.display(), "AppStream_UserName", "someone-else", "AppStream_Session_ID", "..\\..\\evil",
                        "AWS_EC2_METADATA_DISABLED", "true"), log);
        assertThat(p.waitFor(90, TimeUnit.SECONDS)).as(command + " finished").isTrue();
        return new Run(p.exitValue(), Files.readString(log), (System.nanoTime() - t0) / 1_000_000);
    }

    private JsonNode status() throws Exception {
        return status(display);
    }

    /** The recorder of display {@code x}'s session answers in its own slot. */
    private JsonNode status(XvncDisplay x) throws Exception {
        return Json.mapper().readTree(ControlClient.send(endpoint(x), "status", Duration.ofSeconds(5)));
    }

    private Path endpoint(XvncDisplay x) {
        int n = Integer.parseInt(x.display().substring(x.display().lastIndexOf(':') + 1));
        return RecorderSlots.endpoint(dir.resolve("spool"), Optional.of(RecorderSlots.forSession(n)));
    }

    @Test
    void startRecordsWithinTenSecondsAndEndLandsEverythingWithProvenance() throws Exception {
        config(s3.endpoint());
        Run start = hook("session-start", "--session-id", "cycle-1");
        assertThat(start.exit()).as(start.output()).isZero();
        assertThat(start.millis()).as("session-start duration").isLessThan(10_000);
        assertThat(start.output()).contains("Recording session cycle-1");
        JsonNode st = status();
        recorderPid = st.path("pid").asLong();
        assertThat(st.path("framesCaptured").asLong()).isPositive();

        Run again = hook("session-start", "--session-id", "cycle-1");
        assertThat(again.exit()).isZero();
        assertThat(again.output()).contains("already records session", ": session cycle-1");

        Thread.sleep(20_000);
        Run end = hook("session-end", "--budget-seconds", "50");
        assertThat(end.exit()).as(end.output()).isZero();
        assertThat(end.millis()).isLessThan(50_000);
        assertThat(end.output()).contains("session cycle-1:", "0 left on disk", "Everything recorded is in s3://hooks/rec");
        assertThat(ProcessHandle.of(recorderPid).map(ProcessHandle::isAlive).orElse(false)).as("recorder exited").isFalse();

        try (S3Client client = s3.client()) {
            String base = baseOf(client, "cycle-1");
            JsonNode meta = Json.mapper().readTree(client.getObjectAsBytes(b -> b.bucket(BUCKET).key(base + "/session.json")).asByteArray());
            JsonNode identity = meta.path("identity");
            assertThat(identity.path("sessionUser").path("trusted").asBoolean()).isTrue();
            assertThat(identity.path("sessionUser").path("source").asText()).startsWith("x11:");
            assertThat(identity.path("AppStream_UserName").path("trusted").asBoolean()).isFalse();
            assertThat(identity.path("userMismatch").path("value").asText()).contains("\"someone-else\" differs from the session user");
            assertThat(identity.path("AppStream_Session_ID").path("value").asText()).startsWith("rejected: ");
            assertCompleteAndIntact(client, base, false);
        }
    }

    @Test
    void endAfterTheRecorderWasKilledStillUploadsEverything() throws Exception {
        config(s3.endpoint());
        assertThat(hook("session-start", "--session-id", "killed-1").exit()).isZero();
        recorderPid = status().path("pid").asLong();
        Thread.sleep(8_000);
        new ProcessBuilder("kill", "-9", Long.toString(recorderPid)).start().waitFor();
        Thread.sleep(500);

        Run end = hook("session-end", "--budget-seconds", "50");
        assertThat(end.exit()).as(end.output()).isZero();
        assertThat(end.output()).contains("No recorder is running", "session killed-1:", "0 left on disk");
        try (S3Client client = s3.client()) {
            assertCompleteAndIntact(client, baseOf(client, "killed-1"), true);
        }
    }

    @Test
    void endWithS3UnreachableFailsAtItsBudgetNamingWhatIsLeft() throws Exception {
        URI down;
        try (ServerSocket s = new ServerSocket(0)) {
            down = URI.create("http://127.0.0.1:" + s.getLocalPort());
        }
        config(down);
        assertThat(hook("session-start", "--session-id", "offline-1").exit()).isZero();
        recorderPid = status().path("pid").asLong();
        Thread.sleep(7_000);

        Run end = hook("session-end", "--budget-seconds", "15");
        assertThat(end.exit()).as(end.output()).isEqualTo(1);
        assertThat(end.millis()).as("within its budget, plus JVM start").isLessThan(25_000);
        assertThat(end.output()).contains("session offline-1:", "NOT COMPLETE", "000001.mp4",
                "Some recordings are still on this machine");
    }

    /**
     * A multi-session instance in miniature: two user sessions (two X displays) on one install, each
     * session-start starting the recorder of its own session, each session-end stopping its own and no
     * other; both sessions land complete.
     */
    @Test
    void twoUserSessionsOnOneInstallEachGetTheirOwnRecorderAndTheirOwnStop() throws Exception {
        config(s3.endpoint());
        try (XvncDisplay second = XvncDisplay.start(1024, 768, dir.resolve("xvnc-2.log"))) {
            second.startWorkload();
            Run startA = hookOn(display, "session-start");
            Run startB = hookOn(second, "session-start");
            assertThat(startA.exit()).as(startA.output()).isZero();
            assertThat(startB.exit()).as(startB.output()).isZero();
            JsonNode a = status(display);
            JsonNode b = status(second);
            recorderPid = a.path("pid").asLong();
            long pidB = b.path("pid").asLong();
            try {
                assertThat(pidB).isNotEqualTo(recorderPid);
                assertThat(b.path("width").asInt()).isEqualTo(1024);
                assertThat(a.path("sessionId").asText()).isNotEqualTo(b.path("sessionId").asText());
                Thread.sleep(7_000);

                Run endA = hookOn(display, "session-end");
                assertThat(endA.exit()).as(endA.output()).isZero();
                assertThat(endA.output()).contains("Left running: the recorder of another session",
                        "session " + a.path("sessionId").asText() + ":", "0 left on disk");
                assertThat(ProcessHandle.of(recorderPid).map(ProcessHandle::isAlive).orElse(false)).as("A stopped").isFalse();
                assertThat(status(second).path("framesCaptured").asLong()).as("B still records")
                        .isGreaterThan(b.path("framesCaptured").asLong());

                Run endB = hookOn(second, "session-end");
                assertThat(endB.exit()).as(endB.output()).isZero();
                assertThat(ProcessHandle.of(pidB).map(ProcessHandle::isAlive).orElse(false)).as("B stopped").isFalse();
            } finally {
                ProcessHandle.of(pidB).ifPresent(ProcessHandle::destroyForcibly);
            }
            try (S3Client client = s3.client()) {
                assertCompleteAndIntact(client, baseOf(client, a.path("sessionId").asText()), false);
                assertCompleteAndIntact(client, baseOf(client, b.path("sessionId").asText()), false);
            }
        }
    }

    /**
     * Windows Server 2016 has no AF_UNIX: the control channel falls back to loopback TCP. Forced here, the
     * hooks and the recorder they start (which gets the setting from the hook's JVM, as a Windows child
     * that inherits no environment would) meet on TCP, and the whole cycle works as on a socket.
     */
    @Test
    void theWholeCycleRunsOverTheTcpControlChannelWhenForced() throws Exception {
        config(s3.endpoint());
        List<String> tcp = List.of("-Dsessionrecorder.control=tcp");
        Run start = hookWith(tcp, display, "session-start", "--session-id", "tcp-1");
        assertThat(start.exit()).as(start.output()).isZero();
        Path socket = endpoint(display);
        assertThat(socket).as("no AF_UNIX socket").doesNotExist();
        assertThat(socket.resolveSibling(socket.getFileName() + ".endpoint")).as("the TCP endpoint file").exists();
        recorderPid = status().path("pid").asLong();
        Thread.sleep(6_000);

        Run end = hookWith(tcp, display, "session-end");
        assertThat(end.exit()).as(end.output()).isZero();
        assertThat(end.output()).contains("Stopped the recorder of session-", "session tcp-1:", "0 left on disk");
        try (S3Client client = s3.client()) {
            assertCompleteAndIntact(client, baseOf(client, "tcp-1"), false);
        }
    }

    /**
     * On a multi-session instance session-end may leave a recorder running (it cannot tell whose session
     * ended); that recorder ends with its own session: when its user is gone it stops and uploads by
     * itself, without any hook.
     */
    @Test
    void aRecorderWhoseUserSessionEndsStopsAndUploadsByItself() throws Exception {
        config(s3.endpoint());
        JsonNode st;
        long pid;
        try (XvncDisplay leaving = XvncDisplay.start(1024, 768, dir.resolve("xvnc-leaving.log"))) {
            leaving.startWorkload();
            Run start = hookOn(leaving, "session-start");
            assertThat(start.exit()).as(start.output()).isZero();
            st = status(leaving);
            pid = st.path("pid").asLong();
            Thread.sleep(6_000);
        } // the user's session ends: its X server is gone
        try {
            assertThat(ProcessHandle.of(pid).map(h -> h.onExit().completeOnTimeout(h, 90, TimeUnit.SECONDS).join().isAlive())
                    .orElse(false)).as("the recorder ended with its session").isFalse();
        } finally {
            ProcessHandle.of(pid).ifPresent(ProcessHandle::destroyForcibly);
        }
        try (S3Client client = s3.client()) {
            assertCompleteAndIntact(client, baseOf(client, st.path("sessionId").asText()), false);
        }
    }

    private static String baseOf(S3Client client, String session) {
        String key = client.listObjectsV2(b -> b.bucket(BUCKET)).contents().stream().map(o -> o.key())
                .filter(k -> k.endsWith("/" + session + "/manifest.json")).findFirst().orElseThrow();
        return key.substring(0, key.length() - "/manifest.json".length());
    }

    private static void assertCompleteAndIntact(S3Client client, String base, boolean expectRecovered) throws Exception {
        JsonNode manifest = Json.mapper().readTree(client.getObjectAsBytes(b -> b.bucket(BUCKET).key(base + "/manifest.json")).asByteArray());
        assertThat(manifest.path("final").asBoolean()).isTrue();
        List<ChunkRecord> chain = ChainVerifier.chunks(manifest);
        assertThat(chain).isNotEmpty();
        assertThat(chain.stream().anyMatch(ChunkRecord::recovered)).isEqualTo(expectRecovered);
        assertThat(ChainVerifier.verify(chain, r -> Optional.of(HexFormat.of().formatHex(FileHash.sha256(
                client.getObjectAsBytes(b -> b.bucket(BUCKET).key(base + "/chunks/" + r.file())).asByteArray()))))).isEmpty();
    }
}
