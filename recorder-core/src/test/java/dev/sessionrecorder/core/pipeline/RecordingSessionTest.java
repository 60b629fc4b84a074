package dev.sessionrecorder.core.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sessionrecorder.core.capture.CaptureSource;
import dev.sessionrecorder.core.capture.CaptureSpec;
import dev.sessionrecorder.core.config.RecorderConfig;
import dev.sessionrecorder.core.display.DisplayTopology;
import dev.sessionrecorder.core.display.Monitor;
import dev.sessionrecorder.core.display.Rect;
import dev.sessionrecorder.core.display.SecureDesktop;
import dev.sessionrecorder.core.display.Topology;
import dev.sessionrecorder.core.encode.ChunkEncoder;
import dev.sessionrecorder.core.encode.EncoderSettings;
import dev.sessionrecorder.core.session.SessionMetadata;
import dev.sessionrecorder.core.spool.ChunkRecord;
import dev.sessionrecorder.core.spool.ClosedChunk;
import dev.sessionrecorder.core.spool.Spool;
import dev.sessionrecorder.core.upload.ChunkSink;
import dev.sessionrecorder.core.upload.UploadStatus;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import org.bytedeco.javacv.Frame;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The capture loop with fake screen, encoder and uploader; time comes from a clock the fake screen advances. */
class RecordingSessionTest {
    private static final Instant T0 = Instant.parse("2026-11-22T10:00:00Z");
    private static final Duration FRAME = Duration.ofMillis(200);

    @TempDir
    Path root;

    /** A clock that only moves when the fake screen delivers a frame. */
    static final class StepClock extends Clock {
        volatile Instant now = T0;

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }

    /** Delivers {@code total} frames, one per 200 ms of clock, then asks the session to stop; null at {@code nullAt}. */
    /** Changes what the fake screen hands out: the frame (null when lost) and which grab it is. */
    @FunctionalInterface
    interface GrabHook {
        Frame apply(Frame frame, int grab);
    }

    class FakeScreen implements CaptureSource.Factory {
        final AtomicInteger opens = new AtomicInteger();
        final AtomicInteger grabbed = new AtomicInteger();
        final int total;
        final int nullAt;
        GrabHook hook = (frame, grab) -> frame;
        RecordingSession session;

        FakeScreen(int total, int nullAt) {
            this.total = total;
            this.nullAt = nullAt;
        }

        @Override
        public CaptureSource open(CaptureSpec spec) {
            opens.incrementAndGet();
            Frame frame = new Frame(64, 48, Frame.DEPTH_UBYTE, 4);
            return new CaptureSource() {
                @Override
                public Frame grab() {
                    int n = grabbed.incrementAndGet();
                    clock.now = clock.now.plus(FRAME);
                    if (n >= total) {
                        session.requestStop();
                    }
                    return hook.apply(n == nullAt ? null : frame, n);
                }

                @Override
                public int width() {
                    return 64;
                }

                @Override
                public int height() {
                    return 48;
                }

                @Override
                public int pixelFormat() {
                    return 0;
                }

                @Override
                public CaptureSpec spec() {
                    return spec;
                }

                @Override
                public void close() {}
            };
        }
    }

    /** Writes 1,000 bytes per frame so sizes are predictable. */
    static final ChunkEncoder.Factory ENCODER = (file, settings, w, h, pix) -> new ChunkEncoder() {
        long frames;

        @Override
        public boolean encode(Frame frame, Duration sinceStart) {
            try {
                Files.write(file, new byte[1000], StandardOpenOption.CREATE, StandardOpenOption.APPEND);
            } catch (IOException e) {
                throw new IllegalStateException(e);
            }
            frames++;
            return true;
        }

        @Override
        public long frames() {
            return frames;
        }

        @Override
        public void finish() {}

        @Override
        public void close() {}
    };

    /** Counts hand-overs; "uploads" nothing unless told to. */
    static final class FakeSink implements ChunkSink {
        final AtomicInteger closed = new AtomicInteger();
        volatile SessionMetadata published;
        final Spool spool;

        FakeSink(Spool spool) {
            this.spool = spool;
        }

        @Override
        public void chunkClosed() {
            closed.incrementAndGet();
        }

        @Override
        public void publish(SessionMetadata metadata) {
            published = metadata;
        }

        @Override
        public UploadStatus drain(Duration budget) {
            return status();
        }

        @Override
        public UploadStatus status() {
            List<ClosedChunk> pending = spool.awaitingUpload();
            return new UploadStatus(spool.uploadedCount(), 0, pending.size(), 0, 0, Optional.empty(), true, Optional.empty());
        }
    }

    final StepClock clock = new StepClock();

    /** A layout the test can change; measuring it is free. */
    static final class FakeTopology implements DisplayTopology {
        volatile Topology now = new Topology(new Rect(0, 0, 64, 48), List.of(new Monitor("m", new Rect(0, 0, 64, 48), true)));

        @Override
        public Topology current() {
            return now;
        }

        @Override
        public void close() {}
    }

    final FakeTopology topology = new FakeTopology();
    SecureDesktop secure = SecureDesktop.NONE;

    private RecordingSession session(FakeScreen screen, Spool spool, FakeSink sink, long maxSpoolBytes) {
        return session(screen, spool, sink, maxSpoolBytes, RecorderConfig.FullPolicy.PAUSE, Duration.ofSeconds(5));
    }

    boolean skipUnchanged;

    private RecordingSession session(FakeScreen screen, Spool spool, FakeSink sink, long maxSpoolBytes,
                                     RecorderConfig.FullPolicy policy, Duration chunkLength) {
        // 40 kb/s is what the fake encoder writes (1,000 bytes a frame at 5 fps): 10,000 bytes of headroom.
        EncoderSettings settings = new EncoderSettings("fake", 5, 40, 50, Map.of(), Map.of());
        SessionMetadata meta = new SessionMetadata("s", new SessionMetadata.Sourced("u", "test"), "h", Optional.empty(),
                Optional.empty(), T0, Optional.empty(), "dev", "p/2026/11/22/no-stack/s",
                new SessionMetadata.Settings("fake", 5, 5, "fake", java.util.Map.of()), java.util.Map.of());
        Screen scr = new Screen(topology, () -> secure.active(), t -> new CaptureSpec("fake", "screen", Map.of()), screen);
        RecordingSession s = new RecordingSession(scr, ENCODER, settings,
                new RollingPolicy(chunkLength), spool, new RecorderConfig.Spool(root, maxSpoolBytes, 0, policy), sink, meta,
                clock, Duration.ofSeconds(1), skipUnchanged);
        screen.session = s;
        return s;
    }

    @Test
    void rollsEveryChunkLengthOfClockTimeAndClosesTheLastChunkOnStop() throws Exception {
        Spool spool = Spool.open(root, "s");
        FakeSink sink = new FakeSink(spool);
        FakeScreen screen = new FakeScreen(60, -1);
        session(screen, spool, sink, Long.MAX_VALUE).run();

        List<ChunkRecord> chain = spool.chain();
        assertThat(chain).extracting(ChunkRecord::bytes).containsExactly(25_000L, 25_000L, 10_000L);
        assertThat(chain.get(0).start()).isEqualTo(T0.plus(FRAME));
        assertThat(chain.get(0).end()).isEqualTo(T0.plusMillis(5_200));
        assertThat(chain.get(1).start()).isEqualTo(chain.get(0).end());
        assertThat(chain.get(2).start()).isEqualTo(chain.get(1).end());
        assertThat(chain.get(2).end()).as("last frame plus one frame interval").isEqualTo(T0.plusMillis(12_200));
        assertThat(sink.closed).hasValue(3);
        assertThat(sink.published.endedAt()).contains(T0.plusMillis(12_000));
    }

    @Test
    void lostScreenEndsTheChunkAndReopensTheSource() throws Exception {
        Spool spool = Spool.open(root, "s");
        FakeScreen screen = new FakeScreen(20, 10);
        session(screen, spool, new FakeSink(spool), Long.MAX_VALUE).run();

        assertThat(screen.opens).hasValue(2);
        assertThat(spool.chain()).extracting(ChunkRecord::bytes).containsExactly(9_000L, 10_000L);
    }

    @Test
    void fullSpoolPausesCaptureMidChunkBeforeTheLimitAndResumesWhenUploadsFreeSpace() throws Exception {
        Spool spool = Spool.open(root, "s");
        FakeSink sink = new FakeSink(spool);
        FakeScreen screen = new FakeScreen(20, -1);
        RecordingSession session = session(screen, spool, sink, 20_000);
        Thread t = new Thread(session::run);
        t.start();

        awaitState(session, CaptureState.PAUSED_SPOOL_FULL);
        // frame 12's check saw 11,000 bytes + 10,000 headroom >= 20,000: the chunk ended there, mid-chunk
        assertThat(screen.grabbed.get()).isEqualTo(12);
        assertThat(spool.awaitingUpload()).singleElement().satisfies(c -> assertThat(c.record().bytes()).isEqualTo(11_000));
        assertThat(spool.bytesOnDisk()).isLessThanOrEqualTo(20_000);

        ClosedChunk first = spool.awaitingUpload().get(0);
        spool.confirmUploaded(first, "k", "e"); // an upload frees the space
        t.join(10_000);

        assertThat(t.isAlive()).isFalse();
        assertThat(screen.opens).as("source closed while paused, reopened after").hasValue(2);
        assertThat(spool.chain()).extracting(ChunkRecord::bytes).containsExactly(11_000L, 8_000L);
        assertThat(spool.events()).extracting(e -> e.path("event").asText() + ":" + e.path("reason").asText(""))
                .containsExactly("topology:", "paused:spool-full", "resumed:spool-full");
    }

    @Test
    void dropOldestPolicyKeepsRecordingAndJournalsWhatItDropped() throws Exception {
        Spool spool = Spool.open(root, "s");
        FakeScreen screen = new FakeScreen(40, -1);
        session(screen, spool, new FakeSink(spool), 20_000, RecorderConfig.FullPolicy.DROP_OLDEST_UNUPLOADED,
                Duration.ofSeconds(1)).run();

        assertThat(screen.opens).as("never paused").hasValue(1);
        assertThat(spool.chain()).hasSize(8).allMatch(r -> r.bytes() == 5_000);
        List<com.fasterxml.jackson.databind.JsonNode> dropped = spool.events().stream()
                .filter(e -> e.path("event").asText().equals("dropped")).toList();
        assertThat(dropped).isNotEmpty();
        assertThat(dropped.get(0).path("sequence").asLong()).isEqualTo(1);
        assertThat(spool.awaitingUpload()).extracting(ClosedChunk::sequence).doesNotContain(1L).contains(8L);
        assertThat(spool.bytesOnDisk()).isLessThanOrEqualTo(20_000);
    }

    @Test
    void screenThatOpensButCannotBeReadIsRetriedWithBackoffNotInATightLoop() throws Exception {
        Spool spool = Spool.open(root, "s");
        FakeScreen screen = new FakeScreen(Integer.MAX_VALUE, -1);
        screen.hook = (frame, grab) -> null; // e.g. a secure desktop: the device opens, every read fails;
        RecordingSession session = session(screen, spool, new FakeSink(spool), Long.MAX_VALUE);
        Thread t = new Thread(session::run);
        t.start();
        t.join(1_500);
        session.requestStop();
        t.join(5_000);
        // backoff from 250 ms doubling: a handful of attempts in 1.5 s; a spinning loop makes thousands
        assertThat(screen.opens.get()).isBetween(2, 10);
        assertThat(spool.chain()).isEmpty();
    }

    @Test
    void layoutChangeEndsTheChunkAtOnceDropsTheStaleFrameAndRecordsTheChange() throws Exception {
        Spool spool = Spool.open(root, "s");
        Topology wide = new Topology(new Rect(0, 0, 128, 48), List.of(new Monitor("a", new Rect(0, 0, 64, 48), true),
                new Monitor("b", new Rect(64, 0, 64, 48), false)));
        FakeScreen screen = new FakeScreen(20, -1);
        screen.hook = (frame, grab) -> {
            if (grab == 10) {
                topology.now = wide; // a second monitor appears while frame 10 is taken
            }
            return frame;
        };
        session(screen, spool, new FakeSink(spool), Long.MAX_VALUE).run();

        assertThat(screen.opens).hasValue(2);
        assertThat(spool.chain()).extracting(ChunkRecord::bytes).containsExactly(9_000L, 10_000L);
        assertThat(spool.chain().get(0).end()).isEqualTo(T0.plusMillis(2_000)); // ends when the change was seen
        List<com.fasterxml.jackson.databind.JsonNode> events = spool.events();
        assertThat(events).extracting(e -> e.path("event").asText()).containsExactly("topology", "topology");
        assertThat(events.get(0).path("from").isNull()).isTrue();
        assertThat(events.get(1).path("from").path("virtualScreen").path("width").asInt()).isEqualTo(64);
        assertThat(events.get(1).path("to").path("virtualScreen").path("width").asInt()).isEqualTo(128);
        assertThat(events.get(1).path("to").path("monitors")).hasSize(2);
    }

    @Test
    void secureDesktopPausesCaptureAndRecordsTheGap() throws Exception {
        Spool spool = Spool.open(root, "s");
        AtomicInteger checks = new AtomicInteger();
        secure = () -> {
            int n = checks.incrementAndGet();
            return n >= 6 && n <= 8; // shown for three checks, e.g. a UAC prompt
        };
        FakeScreen screen = new FakeScreen(15, -1);
        session(screen, spool, new FakeSink(spool), Long.MAX_VALUE).run();

        assertThat(spool.chain()).extracting(ChunkRecord::bytes).containsExactly(5_000L, 10_000L);
        assertThat(screen.opens).hasValue(2);
        assertThat(spool.events()).extracting(e -> e.path("event").asText() + ":" + e.path("reason").asText(""))
                .containsExactly("topology:", "paused:secure-desktop", "resumed:secure-desktop");
    }

    @Test
    void aStillScreenIsEncodedOncePerSecondPlusAClosingFrameAndTheRestIsCountedAsSkipped() throws Exception {
        skipUnchanged = true;
        Spool spool = Spool.open(root, "s");
        FakeScreen screen = new FakeScreen(20, -1); // the same picture 20 times, 200 ms apart
        session(screen, spool, new FakeSink(spool), Long.MAX_VALUE).run();

        // encoded at 0.2, 1.2, 2.2, 3.2 s (first, then the 1 s heartbeat) and 4.0 s (closing frame)
        assertThat(spool.chain()).extracting(ChunkRecord::bytes).containsExactly(5_000L);
        assertThat(spool.frameTotals()).containsExactly(5L, 16L);
        assertThat(spool.chain().get(0).end()).isEqualTo(T0.plusMillis(4_200));
    }

    @Test
    void aChangingScreenIsEncodedFrameByFrame() throws Exception {
        skipUnchanged = true;
        Spool spool = Spool.open(root, "s");
        FakeScreen screen = new FakeScreen(20, -1);
        screen.hook = (frame, grab) -> {
            ((java.nio.ByteBuffer) frame.image[0]).putInt(0, grab); // something moves
            return frame;
        };
        session(screen, spool, new FakeSink(spool), Long.MAX_VALUE).run();

        assertThat(spool.frameTotals()).containsExactly(20L, 0L);
    }

    private static void awaitState(RecordingSession s, CaptureState state) throws InterruptedException {
        long deadline = System.nanoTime() + 10_000_000_000L;
        while (s.status().state() != state) {
            assertThat(System.nanoTime()).as("state " + state + " not reached").isLessThan(deadline);
            Thread.sleep(5);
        }
    }
}
