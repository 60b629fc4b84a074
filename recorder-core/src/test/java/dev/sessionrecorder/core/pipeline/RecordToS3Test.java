package dev.sessionrecorder.core.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.sessionrecorder.core.cli.RecorderCli;
import dev.sessionrecorder.core.manifest.ChainVerifier;
import dev.sessionrecorder.core.spool.ChunkRecord;
import dev.sessionrecorder.core.spool.FileHash;
import dev.sessionrecorder.core.spool.Json;
import dev.sessionrecorder.devkit.MediaProbe;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.bytedeco.javacv.FFmpegFrameGrabber;
import org.bytedeco.javacv.Frame;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.S3Object;

/** The main job with real parts: Xvnc, the recorder process, FFmpeg, S3Proxy. */
class RecordToS3Test {
    static final String BUCKET = "recordings";
    static final int WIDTH = 1280;
    static final int HEIGHT = 720;

    @TempDir
    static Path dir;
    static LiveDesktop live;

    @BeforeAll
    static void start() throws Exception {
        live = LiveDesktop.start(dir, WIDTH, HEIGHT, "#ff0000", BUCKET);
    }

    @AfterAll
    static void stop() throws Exception {
        if (live != null) {
            live.close();
        }
    }

    @Test
    void records25SecondsIntoVerifiedPlayableChunksInS3() throws Exception {
        RecorderFixture rec = new RecorderFixture(dir.resolve("run"), live.s3.endpoint(), live.s3, BUCKET, 5);
        String session = "it-session-1";
        Process p = rec.start(live.display.display(), session);
        JsonNode first = rec.awaitStatus(p, s -> s.path("framesCaptured").asLong() > 0, Duration.ofSeconds(60));
        Instant started = Instant.now();
        assertThat(first.path("width").asInt()).isEqualTo(WIDTH);

        Thread.sleep(25_000); // recording runs in real time
        assertThat(RecorderCli.run("status", "--config", rec.config.toString())).isZero();
        Instant stopAsked = Instant.now();
        assertThat(RecorderCli.run("stop", "--config", rec.config.toString())).as(rec.log(session)).isZero();
        RecorderFixture.awaitExit(p);
        assertThat(p.exitValue()).as(rec.log(session)).isZero();
        double recordedSeconds = Duration.between(started, stopAsked).toMillis() / 1000.0;

        try (S3Client client = live.s3.client()) {
            List<S3Object> objects = client.listObjectsV2Paginator(b -> b.bucket(BUCKET).prefix("rec/")).contents().stream().toList();
            Map<String, byte[]> byName = new HashMap<>();
            String base = null;
            for (S3Object o : objects) {
                byName.put(o.key().substring(o.key().indexOf(session + "/") + session.length() + 1),
                        client.getObjectAsBytes(b -> b.bucket(BUCKET).key(o.key())).asByteArray());
                base = o.key().substring(0, o.key().indexOf(session) + session.length());
            }
            assertThat(base).matches("rec/\\d{4}/\\d{2}/\\d{2}/no-stack/" + session);
            assertThat(byName).containsKeys("session.json", "manifest.json");

            JsonNode meta = Json.mapper().readTree(byName.get("session.json"));
            assertThat(meta.path("sessionId").asText()).isEqualTo(session);
            assertThat(meta.path("endedAt").isTextual()).isTrue();
            assertThat(meta.path("keyBase").asText()).isEqualTo(base);

            JsonNode manifest = Json.mapper().readTree(byName.get("manifest.json"));
            assertThat(manifest.path("final").asBoolean()).isTrue();
            List<ChunkRecord> chain = ChainVerifier.chunks(manifest);
            assertThat(chain).hasSizeGreaterThanOrEqualTo(5);
            assertThat(byName.keySet().stream().filter(k -> k.startsWith("chunks/"))).hasSize(chain.size());
            assertThat(manifest.path("chainHead").asText()).isEqualTo(chain.get(chain.size() - 1).hash());

            // The manifest's chain matches the bytes that are in S3.
            assertThat(ChainVerifier.verify(chain, r -> Optional.ofNullable(byName.get("chunks/" + r.file()))
                    .map(b -> HexFormat.of().formatHex(FileHash.sha256(b))))).isEmpty();

            double total = 0;
            for (int i = 0; i < chain.size(); i++) {
                ChunkRecord r = chain.get(i);
                Path f = Files.write(dir.resolve(r.file()), byName.get("chunks/" + r.file()));
                MediaProbe.Info info = MediaProbe.probe(f);
                assertThat(info.clean()).as(r.file() + ": " + info.errors()).isTrue();
                assertThat(info.codec()).isEqualTo("h264");
                assertThat(info.width()).isEqualTo(WIDTH);
                assertThat(info.height()).isEqualTo(HEIGHT);
                assertThat(r.width()).isEqualTo(WIDTH);
                assertThat(r.recovered()).isFalse();
                if (i > 0) {
                    assertThat(r.start()).as("chunks are contiguous").isEqualTo(chain.get(i - 1).end());
                }
                if (i < chain.size() - 1) {
                    assertThat(info.duration()).as(r.file()).isBetween(4.0, 6.0);
                }
                total += info.duration();
            }
            assertThat(total).isBetween(recordedSeconds - 2, recordedSeconds + 2);
            assertRedCorner(dir.resolve(chain.get(0).file()));
        }
    }

    /** The bottom-right corner shows the red root window: bgr0 pixels reached the encoder as bgr0. */
    private static void assertRedCorner(Path chunk) throws Exception {
        try (FFmpegFrameGrabber g = new FFmpegFrameGrabber(chunk.toFile())) {
            g.start();
            Frame f = g.grabImage();
            java.nio.ByteBuffer buf = (java.nio.ByteBuffer) f.image[0];
            int x = f.imageWidth - 20;
            int y = f.imageHeight - 20;
            int at = y * f.imageStride + x * f.imageChannels; // BGR24
            int b = buf.get(at) & 0xff;
            int gr = buf.get(at + 1) & 0xff;
            int r = buf.get(at + 2) & 0xff;
            assertThat(r).as("red").isGreaterThan(200);
            assertThat(gr).as("green").isLessThan(60);
            assertThat(b).as("blue").isLessThan(60);
            g.stop();
        }
    }
}
