package dev.sessionrecorder.core.upload;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.sessionrecorder.core.cli.RecorderCli;
import dev.sessionrecorder.core.manifest.ChainVerifier;
import dev.sessionrecorder.core.session.SessionMetadata;
import dev.sessionrecorder.core.spool.ChunkRecord;
import dev.sessionrecorder.core.spool.InProgressChunk;
import dev.sessionrecorder.core.spool.Json;
import dev.sessionrecorder.core.spool.Spool;
import dev.sessionrecorder.devkit.EmbeddedS3;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.s3.S3Client;

/** Sessions an earlier recorder could not finish are found, recovered and uploaded (S3Proxy). */
class LeftoverSessionsTest {
    static final String BUCKET = "leftovers";
    static final Instant T0 = Instant.parse("2026-11-22T10:00:00Z");

    @TempDir
    static Path shared;
    static EmbeddedS3 s3;

    @TempDir
    Path dir;

    @BeforeAll
    static void start() throws Exception {
        s3 = EmbeddedS3.start(shared.resolve("s3"), BUCKET);
    }

    @AfterAll
    static void stop() throws Exception {
        s3.close();
    }

    /** A session as a killed recorder leaves it: two closed chunks, one in progress, no end time. */
    private Path crashedSession(Path spoolRoot, String id) throws Exception {
        Spool spool = Spool.open(spoolRoot, id);
        spool.saveMetadata(new SessionMetadata(id, new SessionMetadata.Sourced("alice", "test"), "h", Optional.of("stack"),
                Optional.empty(), T0, Optional.empty(), "dev", S3Layout.keyBase("rec", T0, Optional.of("stack"), id),
                new SessionMetadata.Settings("x11grab :1", 5, 60, "libopenh264", java.util.Map.of("b", "1500k")), java.util.Map.of()));
        for (int i = 0; i < 2; i++) {
            InProgressChunk c = spool.begin(T0.plusSeconds(60L * i), 800, 600);
            Files.writeString(c.file(), "chunk " + i);
            spool.close(c, T0.plusSeconds(60L * (i + 1)));
        }
        InProgressChunk open = spool.begin(T0.plusSeconds(120), 800, 600);
        Files.writeString(open.file(), "half a chunk");
        return spool.dir();
    }

    private Path config(Path spoolRoot) throws Exception {
        Path creds = s3.writeCredentialsFile(dir.resolve("credentials"), "t");
        return Files.writeString(dir.resolve("recorder.json"), Json.mapper().writeValueAsString(Json.mapper().readTree("""
                {"s3": {"bucket": "%s", "region": "us-east-1", "prefix": "rec", "endpoint": "%s", "pathStyle": true,
                        "profile": "t", "profileFile": "%s"},
                 "spool": {"dir": "%s"}, "logs": {"dir": "%s"}}""".formatted(BUCKET, s3.endpoint(), creds, spoolRoot,
                dir.resolve("logs")))));
    }

    @Test
    void crashedSessionIsRecoveredUploadedAndMarkedCompleteButTheLiveOneIsLeftAlone() throws Exception {
        Path spoolRoot = dir.resolve("spool");
        crashedSession(spoolRoot, "old-session");
        Spool live = Spool.open(spoolRoot, "live-session");
        InProgressChunk liveChunk = live.begin(T0, 800, 600);
        Files.writeString(liveChunk.file(), "being written");

        assertThat(LeftoverSessions.find(spoolRoot, Optional.of("live-session"))).containsExactly("old-session");
        Path cfg = config(spoolRoot);
        try (S3Client client = s3.client()) {
            List<LeftoverSessions.Result> results;
            try (S3Client uploaderClient = S3Clients.create(new dev.sessionrecorder.core.config.ConfigLoader(dir).load(cfg).s3())) {
                results = LeftoverSessions.drainAll(uploaderClient, BUCKET, ObjectOptions.NONE, spoolRoot, Optional.of("live-session"),
                        java.time.Duration.ofSeconds(30), java.time.Clock.systemUTC());
            }
            assertThat(results).singleElement().satisfies(r -> {
                assertThat(r.sessionId()).isEqualTo("old-session");
                assertThat(r.status().drained()).isTrue();
                assertThat(r.status().uploadedChunks()).isEqualTo(3);
            });
            String base = S3Layout.keyBase("rec", T0, Optional.of("stack"), "old-session");
            JsonNode manifest = Json.mapper().readTree(client.getObjectAsBytes(b -> b.bucket(BUCKET).key(base + "/manifest.json")).asByteArray());
            assertThat(manifest.path("final").asBoolean()).isTrue();
            assertThat(manifest.path("counters").path("recoveredChunks").asInt()).isEqualTo(1);
            List<ChunkRecord> chain = ChainVerifier.chunks(manifest);
            assertThat(chain).extracting(ChunkRecord::recovered).containsExactly(false, false, true);
            assertThat(ChainVerifier.verify(chain, r -> Optional.of(r.sha256()))).isEmpty();
            JsonNode meta = Json.mapper().readTree(client.getObjectAsBytes(b -> b.bucket(BUCKET).key(base + "/session.json")).asByteArray());
            assertThat(meta.path("endedAt").asText()).isEqualTo(chain.get(2).end().toString());
        }
        assertThat(Spool.isComplete(spoolRoot, "old-session")).isTrue();
        assertThat(LeftoverSessions.find(spoolRoot, Optional.of("live-session"))).isEmpty();
        assertThat(liveChunk.file()).as("the live session's chunk is not touched").exists();
    }

    @Test
    void drainCommandUploadsEverythingLeftThenHasNothingToDo() throws Exception {
        Path spoolRoot = dir.resolve("spool");
        crashedSession(spoolRoot, "a");
        crashedSession(spoolRoot, "b");
        Path cfg = config(spoolRoot);

        assertThat(RecorderCli.run("drain", "--config", cfg.toString(), "--timeout", "30")).isZero();
        assertThat(LeftoverSessions.find(spoolRoot, Optional.empty())).isEmpty();
        assertThat(RecorderCli.run("drain", "--config", cfg.toString())).isZero();
    }

    /** A live recorder holds its session's lock; drain uploads the others and leaves that one untouched. */
    @Test
    void drainLeavesTheSessionALiveRecorderHoldsAndUploadsTheRest() throws Exception {
        Path spoolRoot = dir.resolve("spool");
        Path partFile = crashedSession(spoolRoot, "busy").resolve("000003.mp4.part");
        crashedSession(spoolRoot, "left");
        Path cfg = config(spoolRoot);
        Process holder = holdLock(spoolRoot, "busy");
        try {
            assertThat(LeftoverSessions.find(spoolRoot, Optional.empty())).containsExactly("left");
            assertThat(RecorderCli.run("drain", "--config", cfg.toString(), "--timeout", "30")).isZero();
            assertThat(Spool.isComplete(spoolRoot, "left")).isTrue();
            assertThat(partFile).as("nothing was recovered under a live recorder").exists();
        } finally {
            holder.destroyForcibly().waitFor();
        }
        // kill -9 of the holder released its lock: now the session is a leftover like any other.
        assertThat(LeftoverSessions.find(spoolRoot, Optional.empty())).containsExactly("busy");
    }

    /** Another process (as a second recorder on the instance would be) holding a session's lock until killed. */
    private static Process holdLock(Path spoolRoot, String id) throws Exception {
        Path ready = spoolRoot.resolveSibling("lock-" + id + ".ready");
        Process p = dev.sessionrecorder.devkit.JavaProcess.start(LockHolder.class.getName(),
                java.util.List.of(spoolRoot.toString(), id, ready.toString()), java.util.Map.of(), spoolRoot.resolveSibling("holder.log"));
        long until = System.nanoTime() + java.time.Duration.ofSeconds(30).toNanos();
        while (!java.nio.file.Files.exists(ready) && p.isAlive() && System.nanoTime() < until) {
            Thread.sleep(50);
        }
        assertThat(ready).as("lock holder ready").exists();
        return p;
    }

    /** main of the lock-holding process. */
    public static final class LockHolder {
        public static void main(String[] args) throws Exception {
            try (var lock = dev.sessionrecorder.core.spool.SessionLock.tryAcquire(Path.of(args[0]), args[1]).orElseThrow()) {
                java.nio.file.Files.writeString(Path.of(args[2]), "locked");
                Thread.sleep(Long.MAX_VALUE);
            }
        }
    }
}
