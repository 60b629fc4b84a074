package dev.sessionrecorder.core.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.sessionrecorder.core.cli.RecorderCli;
import dev.sessionrecorder.core.spool.ChunkRecord;
import dev.sessionrecorder.devkit.MediaProbe;
import dev.sessionrecorder.devkit.ResettingProxy;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * S3 fails for 60 s in the middle of a session (503, then 500), then connections are reset mid-body:
 * the session still ends with every chunk in S3, byte for byte what was recorded.
 */
class FaultToleranceTest {
    static final String BUCKET = "faults";

    @TempDir
    static Path dir;
    static LiveDesktop live;
    static ResettingProxy proxy;

    @BeforeAll
    static void start() throws Exception {
        live = LiveDesktop.start(dir, 1024, 768, "#103050", BUCKET);
        proxy = ResettingProxy.start(live.s3.endpoint());
    }

    @AfterAll
    static void stop() throws Exception {
        if (proxy != null) {
            proxy.close();
        }
        if (live != null) {
            live.close();
        }
    }

    @Test
    void outageAndResetsLoseNothing() throws Exception {
        RecorderFixture rec = new RecorderFixture(dir.resolve("run"), proxy.endpoint(), live.s3, BUCKET, 5);
        String session = "fault-session";
        Process p = rec.start(live.display.display(), session);
        rec.awaitStatus(p, s -> s.path("upload").path("uploadedChunks").asInt() >= 1, Duration.ofSeconds(60));

        live.s3.faults().failPuts(503);
        JsonNode during = rec.awaitStatus(p, s -> s.path("upload").path("lastError").asText("").contains("503"),
                Duration.ofSeconds(30));
        Thread.sleep(Math.max(0, 30_000 - 1_000));
        live.s3.faults().failPuts(500);
        rec.awaitStatus(p, s -> s.path("upload").path("lastError").asText("").contains("500"), Duration.ofSeconds(40));
        Thread.sleep(29_000);
        JsonNode worst = rec.status();
        live.s3.faults().heal();
        proxy.resetNext(3, 64 * 1024);
        Thread.sleep(10_000);
        assertThat(RecorderCli.run("stop", "--config", rec.config.toString())).as(rec.log(session)).isZero();
        RecorderFixture.awaitExit(p);
        assertThat(p.exitValue()).isZero();

        assertThat(during.path("upload").path("failedAttempts").asLong()).isPositive();
        assertThat(worst.path("upload").path("pendingChunks").asInt()).as("chunks waited on disk during the outage")
                .isGreaterThanOrEqualTo(8);
        assertThat(proxy.resets()).as("connections were cut mid-body").isPositive();

        try (S3Client client = live.s3.client()) {
            StoredSession stored = StoredSession.find(client, BUCKET, session);
            assertThat(stored.manifest().path("final").asBoolean()).isTrue();
            List<ChunkRecord> chain = stored.chain();
            assertThat(chain.size()).isGreaterThanOrEqualTo(15);
            assertThat(stored.problems()).isEmpty();
            ChunkRecord mid = chain.get(chain.size() / 2);
            Path f = Files.write(dir.resolve(mid.file()), stored.chunk(mid.file()));
            assertThat(MediaProbe.probe(f).clean()).isTrue();
        }
    }
}
