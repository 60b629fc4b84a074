package dev.sessionrecorder.core.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.sessionrecorder.core.cli.RecorderCli;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * S3 unreachable for a whole session with a small spool: the spool never passes spool.maxBytes, the
 * pause is journaled, and everything recorded reaches S3 once it is back.
 */
class BoundedSpoolTest {
    static final String BUCKET = "bounded";
    static final long MAX = 5L << 20;

    @TempDir
    static Path dir;
    static LiveDesktop live;

    @BeforeAll
    static void start() throws Exception {
        live = LiveDesktop.start(dir, 1920, 1080, "#305010", BUCKET);
    }

    @AfterAll
    static void stop() throws Exception {
        if (live != null) {
            live.close();
        }
    }

    @Test
    void spoolNeverPassesItsLimitAndEverythingUploadsWhenS3Returns() throws Exception {
        Path work = dir.resolve("work");
        URI down;
        try (ServerSocket s = new ServerSocket(0)) {
            down = URI.create("http://127.0.0.1:" + s.getLocalPort());
        }
        RecorderFixture offline = new RecorderFixture(work, down, live.s3, BUCKET, 5, cfg -> {
            cfg.with("spool").put("maxBytes", MAX).put("minFreeBytes", 0);
            cfg.putObject("video").put("bitrateKbps", 6000);
        });
        offline.drainSeconds = 5; // S3 stays down: nothing to wait for
        String session = "bounded-session";
        Process p = offline.start(live.display.display(), session);
        offline.awaitStatus(p, s -> s.path("framesCaptured").asLong() > 0, Duration.ofSeconds(60));

        Path spool = work.resolve("spool").resolve("sessions").resolve(session);
        long peak = 0;
        boolean paused = false;
        for (int i = 0; i < 150; i++) { // 30 s, sampled five times a second
            peak = Math.max(peak, chunkBytes(spool));
            paused |= offline.status().path("state").asText().equals("paused-spool-full");
            Thread.sleep(200);
        }
        System.out.printf("peak spool size %d bytes with spool.maxBytes %d%n", peak, MAX);
        assertThat(paused).as("capture paused at the limit").isTrue();
        assertThat(peak).as("spool bytes, sampled").isLessThanOrEqualTo(MAX).isGreaterThan(MAX / 2);
        assertThat(RecorderCli.run("stop", "--config", offline.config.toString(), "--timeout", "30"))
                .as("stopped with chunks left on disk").isEqualTo(4);
        RecorderFixture.awaitExit(p);

        // S3 is back: the session-end path (recorder drain) uploads everything.
        RecorderFixture online = new RecorderFixture(work, live.s3.endpoint(), live.s3, BUCKET, 5,
                cfg -> cfg.with("spool").put("maxBytes", MAX).put("minFreeBytes", 0));
        assertThat(RecorderCli.run("drain", "--config", online.config.toString(), "--timeout", "60")).isZero();

        try (S3Client client = live.s3.client()) {
            StoredSession stored = StoredSession.find(client, BUCKET, session);
            JsonNode manifest = stored.manifest();
            assertThat(manifest.path("final").asBoolean()).isTrue();
            assertThat(stored.chain()).isNotEmpty();
            assertThat(stored.problems()).isEmpty();
            List<String> events = new ArrayList<>();
            manifest.path("events").forEach(e -> events.add(e.path("event").asText() + ":" + e.path("reason").asText("")));
            assertThat(events).contains("paused:spool-full");
        }
    }

    private static long chunkBytes(Path spool) throws Exception {
        try (Stream<Path> s = Files.list(spool)) {
            return s.filter(f -> f.toString().endsWith(".mp4") || f.toString().endsWith(".part")).mapToLong(f -> {
                try {
                    return Files.size(f);
                } catch (java.io.IOException e) {
                    return 0; // renamed between list and size
                }
            }).sum();
        }
    }
}
