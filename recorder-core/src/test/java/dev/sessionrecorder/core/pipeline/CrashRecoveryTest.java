package dev.sessionrecorder.core.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.sessionrecorder.core.cli.RecorderCli;
import dev.sessionrecorder.core.spool.ChunkRecord;
import dev.sessionrecorder.core.spool.Spool;
import dev.sessionrecorder.devkit.MediaProbe;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * kill -9 in the middle of a chunk: earlier chunks stay intact, the interrupted one plays up to its last
 * fragment, and the next session's recorder recovers it and uploads everything.
 */
class CrashRecoveryTest {
    static final String BUCKET = "crash";

    @TempDir
    static Path dir;
    static LiveDesktop live;

    @BeforeAll
    static void start() throws Exception {
        live = LiveDesktop.start(dir, 1024, 768, "#203040", BUCKET);
    }

    @AfterAll
    static void stop() throws Exception {
        if (live != null) {
            live.close();
        }
    }

    @Test
    void killedMidChunkLosesAtMostThreeSecondsAndNextRunUploadsIt() throws Exception {
        String session = "crash-session";
        Path work = dir.resolve("work");
        // Phase 1: S3 unreachable, so every chunk stays in the spool where we can inspect it.
        RecorderFixture offline = new RecorderFixture(work, closedPort(), live.s3, BUCKET, 10);
        Process p = offline.start(live.display.display(), session);
        JsonNode st = offline.awaitStatus(p, s -> s.path("chunk").asLong() == 2
                && Duration.between(Instant.parse(s.path("chunkStart").asText()), Instant.now()).toMillis() >= 6_500,
                Duration.ofSeconds(60));
        Instant chunkStart = Instant.parse(st.path("chunkStart").asText());
        p.destroyForcibly(); // SIGKILL: no shutdown hook, no trailer
        Instant killedAt = Instant.now();
        p.waitFor();
        double captured = Duration.between(chunkStart, killedAt).toMillis() / 1000.0;

        Path spool = work.resolve("spool").resolve("sessions").resolve(session);
        MediaProbe.Info closed = MediaProbe.probe(spool.resolve("000001.mp4"));
        assertThat(closed.clean()).as(closed.errors()).isTrue();
        assertThat(closed.duration()).isBetween(9.0, 11.0);

        Path part = spool.resolve("000002.mp4.part");
        assertThat(part).exists();
        MediaProbe.Info partial = MediaProbe.probe(part);
        System.out.printf("kill -9 after %.2f s of chunk 2: the partial file plays %.2f s (%d frames)%n",
                captured, partial.duration(), partial.frames());
        assertThat(partial.frames()).isPositive();
        assertThat(partial.width()).isEqualTo(1024);
        assertThat(partial.duration()).as("captured %.1f s into the chunk before the kill", captured)
                .isGreaterThanOrEqualTo(captured - 3.0);
        Files.copy(part, work.resolve("part-copy")); // to compare with what recovery uploads

        // Phase 2: the next session (a new id, as AppStream gives every session) starts with S3 reachable:
        // it records its own session and, in the background, recovers and uploads the crashed one.
        RecorderFixture online = new RecorderFixture(work, live.s3.endpoint(), live.s3, BUCKET, 10);
        String next = "next-session";
        Process again = online.start(live.display.display(), next);
        online.awaitStatus(again, s -> s.path("framesCaptured").asLong() >= 10, Duration.ofSeconds(60));
        long deadline = System.nanoTime() + 30_000_000_000L;
        while (!Spool.isComplete(work.resolve("spool"), session) && System.nanoTime() < deadline) {
            Thread.sleep(100);
        }
        assertThat(RecorderCli.run("stop", "--config", online.config.toString())).as(online.log(next)).isZero();
        RecorderFixture.awaitExit(again);
        assertThat(online.log(next)).contains("Recovery: closed chunk 000002.mp4", "Leftover session " + session);
        assertThat(Spool.isComplete(work.resolve("spool"), session)).as(online.log(next)).isTrue();

        try (S3Client client = live.s3.client()) {
            for (String id : List.of(session, next)) {
                StoredSession stored = StoredSession.find(client, BUCKET, id);
                assertThat(stored.manifest().path("final").asBoolean()).as(id).isTrue();
                List<ChunkRecord> chain = stored.chain();
                if (id.equals(session)) {
                    assertThat(chain).extracting(ChunkRecord::recovered).containsExactly(false, true);
                    assertThat(chain.get(1).bytes()).isEqualTo(Files.size(work.resolve("part-copy")));
                } else {
                    assertThat(chain).isNotEmpty().allMatch(r -> !r.recovered());
                }
                assertThat(stored.problems()).as(id).isEmpty();
            }
        }
        try (var files = Files.list(spool)) {
            assertThat(files.map(f -> f.getFileName().toString())).noneMatch(n -> n.endsWith(".mp4") || n.endsWith(".part"));
        }
    }

    private static URI closedPort() throws Exception {
        try (ServerSocket s = new ServerSocket(0)) {
            return URI.create("http://127.0.0.1:" + s.getLocalPort());
        }
    }
}
