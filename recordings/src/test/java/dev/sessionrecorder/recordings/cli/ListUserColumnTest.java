package dev.sessionrecorder.recordings.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sessionrecorder.recordings.store.TestSessions;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The USER column: the Windows user, and a claimed name only as a visibly marked claim. */
class ListUserColumnTest {
    @TempDir
    Path dir;

    @Test
    void aClaimThatNamesSomeoneElseIsShownAsAClaim() throws Exception {
        assertThat(ListView.who(TestSessions.claiming(dir, "EC2AMAZ-1\\PhotonUser", "alice")))
                .isEqualTo("EC2AMAZ-1\\PhotonUser (claimed: alice)");
        assertThat(ListView.who(TestSessions.claiming(dir, "CORP\\bob", "alice"))).isEqualTo("CORP\\bob (claimed: alice)");
    }

    @Test
    void aClaimOfTheSameUserOrNoUsableClaimShowsOnlyTheWindowsUser() throws Exception {
        assertThat(ListView.who(TestSessions.claiming(dir, "CORP\\alice", "alice@corp.example"))).isEqualTo("CORP\\alice");
        assertThat(ListView.who(TestSessions.claiming(dir, "EC2AMAZ-1\\PhotonUser", "rejected: character U+000A at position 5")))
                .isEqualTo("EC2AMAZ-1\\PhotonUser");
        assertThat(ListView.who(TestSessions.claiming(dir, "EC2AMAZ-1\\PhotonUser", null))).isEqualTo("EC2AMAZ-1\\PhotonUser");
    }
}
