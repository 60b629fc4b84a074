package dev.sessionrecorder.core.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.sessionrecorder.core.cli.RecorderCli;
import dev.sessionrecorder.core.manifest.ChainVerifier;
import dev.sessionrecorder.core.spool.ChunkRecord;
import dev.sessionrecorder.core.spool.Json;
import dev.sessionrecorder.devkit.MediaProbe;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.S3Object;

/** The recorder follows xrandr resizes and monitor changes on a real Xvnc desktop. */
class ResolutionChangeTest {
    static final String BUCKET = "resize";

    @TempDir
    static Path dir;
    static LiveDesktop live;

    @BeforeAll
    static void start() throws Exception {
        live = LiveDesktop.start(dir, 1920, 1080, "#204060", BUCKET);
    }

    @AfterAll
    static void stop() throws Exception {
        if (live != null) {
            live.close();
        }
    }

    @Test
    void everyLayoutGetsItsOwnUncroppedChunksWithAtMostOneSecondGaps() throws Exception {
        RecorderFixture rec = new RecorderFixture(dir.resolve("run"), live.s3.endpoint(), live.s3, BUCKET, 60);
        String session = "resize-session";
        Process p = rec.start(live.display.display(), session);
        rec.awaitStatus(p, s -> s.path("framesCaptured").asLong() > 0, Duration.ofSeconds(60));

        Thread.sleep(4_000);
        assertThat(live.display.run("xrandr", "-s", "1280x720")).isZero();
        rec.awaitStatus(p, s -> s.path("width").asInt() == 1280 && s.path("framesCaptured").asLong() > 0, Duration.ofSeconds(10));
        Thread.sleep(4_000);
        assertThat(live.display.run("xrandr", "-s", "1920x1080")).isZero();
        rec.awaitStatus(p, s -> s.path("width").asInt() == 1920, Duration.ofSeconds(10));
        Thread.sleep(4_000);
        assertThat(live.display.run("xrandr", "--fb", "2560x1080")).isZero();
        assertThat(live.display.run("xrandr", "--setmonitor", "LEFT", "1280/338x1080/285+0+0", "none")).isZero();
        assertThat(live.display.run("xrandr", "--setmonitor", "RIGHT", "1280/338x1080/285+1280+0", "none")).isZero();
        rec.awaitStatus(p, s -> s.path("width").asInt() == 2560, Duration.ofSeconds(10));
        Thread.sleep(4_000);
        assertThat(RecorderCli.run("stop", "--config", rec.config.toString())).as(rec.log(session)).isZero();
        RecorderFixture.awaitExit(p);

        try (S3Client client = live.s3.client()) {
            List<S3Object> objects = client.listObjectsV2(b -> b.bucket(BUCKET)).contents();
            String manifestKey = objects.stream().map(S3Object::key).filter(k -> k.endsWith("/manifest.json")).findFirst().orElseThrow();
            String base = manifestKey.substring(0, manifestKey.length() - "/manifest.json".length());
            JsonNode manifest = Json.mapper().readTree(client.getObjectAsBytes(b -> b.bucket(BUCKET).key(manifestKey)).asByteArray());
            List<ChunkRecord> chain = ChainVerifier.chunks(manifest);

            List<String> layouts = new ArrayList<>();
            for (int i = 0; i < chain.size(); i++) {
                ChunkRecord r = chain.get(i);
                Path f = Files.write(dir.resolve(r.file()),
                        client.getObjectAsBytes(b -> b.bucket(BUCKET).key(base + "/chunks/" + r.file())).asByteArray());
                MediaProbe.Info info = MediaProbe.probe(f);
                assertThat(info.clean()).as(r.file() + ": " + info.errors()).isTrue();
                assertThat(info.width() + "x" + info.height()).as(r.file()).isEqualTo(r.width() + "x" + r.height());
                String size = r.width() + "x" + r.height();
                if (layouts.isEmpty() || !layouts.get(layouts.size() - 1).equals(size)) {
                    layouts.add(size);
                }
                if (i > 0) {
                    double gap = Duration.between(chain.get(i - 1).end(), r.start()).toMillis() / 1000.0;
                    System.out.printf("gap before %s (%s): %.3f s%n", r.file(), size, gap);
                    assertThat(gap).as("gap before " + r.file()).isBetween(0.0, 1.0);
                }
            }
            // No chunk at a size the screen did not have: in particular no stale 1280x720 crop after growing.
            assertThat(layouts).containsExactly("1920x1080", "1280x720", "1920x1080", "2560x1080");

            List<JsonNode> changes = new ArrayList<>();
            manifest.path("events").forEach(e -> {
                if (e.path("event").asText().equals("topology")) {
                    changes.add(e);
                }
            });
            assertThat(changes).extracting(e -> e.path("to").path("virtualScreen").path("width").asInt() + "x"
                    + e.path("to").path("virtualScreen").path("height").asInt())
                    .containsSubsequence("1920x1080", "1280x720", "1920x1080", "2560x1080");
            JsonNode last = changes.get(changes.size() - 1).path("to").path("monitors");
            List<String> names = new ArrayList<>();
            last.forEach(m -> names.add(m.path("name").asText()));
            assertThat(names).contains("LEFT", "RIGHT");
            assertThat(changes.get(1).path("from").path("virtualScreen").path("width").asInt()).isEqualTo(1920);
        }
    }
}
