package dev.sessionrecorder.recordings.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sessionrecorder.recordings.fetch.Fetch;
import java.io.PrintWriter;
import java.io.StringWriter;
import org.junit.jupiter.api.Test;

/** The two faces of fetch progress: a bar redrawn in place on a terminal, a line per chunk in logs. */
class ProgressDisplayTest {

    @Test
    void onATerminalABarIsRedrawnInPlace() {
        StringWriter s = new StringWriter();
        ProgressDisplay p = new ProgressDisplay(new PrintWriter(s, true), true);
        p.start(4 * 1024 * 1024, 2);
        p.bytes(2 * 1024 * 1024);
        p.chunk("000001.mp4", Fetch.Outcome.DOWNLOADED, 2 * 1024 * 1024);
        assertThat(s.toString()).contains("2 chunk(s), 4.0 MiB to check or download", "\r[###############...............]  50%",
                "2.0 MiB / 4.0 MiB  1/2 chunks");
        assertThat(s.toString()).doesNotContain("000001.mp4 downloaded");
    }

    @Test
    void inALogEachChunkIsOneLineSayingWhatHappened() {
        StringWriter s = new StringWriter();
        ProgressDisplay p = new ProgressDisplay(new PrintWriter(s, true), false);
        p.start(300, 3);
        p.chunk("000001.mp4", Fetch.Outcome.ALREADY_HERE, 100);
        p.chunk("000002.mp4", Fetch.Outcome.RESUMED, 100);
        p.chunk("000099.mp4.", Fetch.Outcome.REFUSED, 100);
        assertThat(s.toString()).doesNotContain("\r").contains(
                "  [1/3] 000001.mp4 already here, SHA-256 matches (100 B)",
                "  [2/3] 000002.mp4 resumed and completed (100 B)",
                "  [3/3] 000099.mp4. NOT downloaded: not a chunk name the recorder gives (100 B)");
    }
}
