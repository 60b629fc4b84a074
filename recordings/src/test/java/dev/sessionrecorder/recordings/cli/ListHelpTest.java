package dev.sessionrecorder.recordings.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sessionrecorder.recordings.store.UserCheck;
import java.io.PrintWriter;
import java.io.StringWriter;
import org.junit.jupiter.api.Test;

/** `list --help` is where an auditor learns what the CHECK column says; it must name every value. */
class ListHelpTest {
    @Test
    void helpExplainsEveryCheckValue() {
        StringWriter out = new StringWriter();
        assertThat(RecordingsCli.run(new PrintWriter(out, true), new PrintWriter(new StringWriter(), true), "list", "--help")).isZero();
        String help = out.toString().replaceAll("\\s+", " ");
        for (UserCheck c : UserCheck.values()) {
            assertThat(help).contains(c.label() + " " + c.meaning());
        }
        assertThat(help).contains("Exit codes:");
    }
}
