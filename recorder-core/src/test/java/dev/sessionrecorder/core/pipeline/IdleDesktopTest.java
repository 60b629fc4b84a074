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

/**
 * A still desktop recorded for 20 s: far fewer frames are encoded than captured, yet the chunk plays
 * for 20 s (± 1 s) and exactly the time it covers.
 */
class IdleDesktopTest {
    static final String BUCKET = "idle";

    @TempDir
    Path dir;

    @Test
    void stillScreenSkipsFramesButKeepsRealTime() throws Exception {
        try (XvncDisplay display = XvncDisplay.start(1280, 720, dir.resolve("xvnc.log"));
             EmbeddedS3 s3 = EmbeddedS3.start(dir.resolve("s3"), BUCKET)) {
            display.run("xsetroot", "-solid", "#336699"); // and nothing moves
            RecorderFixture rec = new RecorderFixture(dir.resolve("run"), s3.endpoint(), s3, BUCKET, 60);
            Process p = rec.start(display.display(), "idle-session");
            rec.awaitStatus(p, s -> s.path("framesCaptured").asLong() > 0, Duration.ofSeconds(60));
            Thread.sleep(20_000);
            assertThat(rec.status().path("framesSkipped").asLong()).isPositive();
            assertThat(RecorderCli.run("stop", "--config", rec.config.toString())).isZero();
            RecorderFixture.awaitExit(p);

            try (S3Client client = s3.client()) {
                StoredSession stored = StoredSession.find(client, BUCKET, "idle-session");
                JsonNode manifest = stored.manifest();
                JsonNode counters = manifest.path("counters");
                System.out.printf("idle desktop: %d frames encoded, %d skipped as unchanged%n",
                        counters.path("framesEncoded").asLong(), counters.path("framesSkippedUnchanged").asLong());
                long encoded = counters.path("framesEncoded").asLong();
                long captured = encoded + counters.path("framesSkippedUnchanged").asLong();
                // At 5 fps a still screen needs one heartbeat frame a second: about a fifth of what is captured.
                assertThat(encoded * 3).as("%d of %d captured frames encoded", encoded, captured).isLessThan(captured);
                List<ChunkRecord> chain = stored.chain();
                assertThat(chain).as("one 60-second chunk holds the 20 s").hasSize(1);
                for (ChunkRecord r : chain) {
                    Path f = Files.write(dir.resolve(r.file()), stored.chunk(r.file()));
                    MediaProbe.Info info = MediaProbe.probe(f);
                    double covers = Duration.between(r.start(), r.end()).toMillis() / 1000.0;
                    assertThat(info.clean()).as(r.file() + info.errors()).isTrue();
                    assertThat(info.duration()).as(r.file() + " plays as long as the time it covers").isCloseTo(covers,
                            org.assertj.core.data.Offset.offset(0.5));
                    assertThat(info.duration()).as(r.file() + " plays the 20 s recorded").isCloseTo(20.0, org.assertj.core.data.Offset.offset(1.0));
                }
            }
        }
    }
}
