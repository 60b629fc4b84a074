package dev.sessionrecorder.core.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.sessionrecorder.core.cli.RecorderCli;
import dev.sessionrecorder.core.spool.ChunkRecord;
import dev.sessionrecorder.devkit.EmbeddedS3;
import dev.sessionrecorder.devkit.MediaProbe;
import dev.sessionrecorder.devkit.XvncDisplay;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.s3.S3Client;

/** A still desktop: most frames are skipped as unchanged, yet every chunk plays for the time it covers. */
class IdleDesktopTest {
    static final String BUCKET = "idle";

    @TempDir
    Path dir;

    @Test
    void stillScreenSkipsFramesButKeepsRealTime() throws Exception {
        try (XvncDisplay display = XvncDisplay.start(1280, 720, dir.resolve("xvnc.log"));
             EmbeddedS3 s3 = EmbeddedS3.start(dir.resolve("s3"), BUCKET)) {
            display.run("xsetroot", "-solid", "#336699"); // and nothing moves
            RecorderFixture rec = new RecorderFixture(dir.resolve("run"), s3.endpoint(), s3, BUCKET, 5);
            Process p = rec.start(display.display(), "idle-session");
            rec.awaitStatus(p, s -> s.path("framesCaptured").asLong() > 0, Duration.ofSeconds(60));
            Thread.sleep(12_000);
            assertThat(rec.status().path("framesSkipped").asLong()).isPositive();
            assertThat(RecorderCli.run("stop", "--config", rec.config.toString())).isZero();
            RecorderFixture.awaitExit(p);

            try (S3Client client = s3.client()) {
                StoredSession stored = StoredSession.find(client, BUCKET, "idle-session");
                JsonNode manifest = stored.manifest();
                JsonNode counters = manifest.path("counters");
                System.out.printf("idle desktop: %d frames encoded, %d skipped as unchanged%n",
                        counters.path("framesEncoded").asLong(), counters.path("framesSkippedUnchanged").asLong());
                assertThat(counters.path("framesSkippedUnchanged").asLong()).isGreaterThan(counters.path("framesEncoded").asLong());
                List<ChunkRecord> chain = stored.chain();
                for (ChunkRecord r : chain) {
                    Path f = Files.write(dir.resolve(r.file()), stored.chunk(r.file()));
                    MediaProbe.Info info = MediaProbe.probe(f);
                    double covers = Duration.between(r.start(), r.end()).toMillis() / 1000.0;
                    assertThat(info.clean()).as(r.file() + info.errors()).isTrue();
                    assertThat(info.duration()).as(r.file() + " plays as long as the time it covers").isCloseTo(covers,
                            org.assertj.core.data.Offset.offset(0.5));
                }
            }
        }
    }
}
