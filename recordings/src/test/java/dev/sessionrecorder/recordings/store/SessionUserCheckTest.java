package dev.sessionrecorder.recordings.store;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sessionrecorder.core.session.SessionMetadata.IdentityField;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The CHECK column of `recordings list` for each user check session-start records. */
class SessionUserCheckTest {
    @TempDir
    Path dir;

    @ParameterizedTest(name = "{0} / {1} / {2} -> {3}")
    @CsvSource(nullValues = "-", delimiter = '|', value = {
            "-|-|-|unchecked",
            "AppStream_UserName \"bob\" differs|-|compared: MISMATCH (...)|MISMATCH",
            "-|true|compared: match|verified",
            "-|false|not applicable: generic local account PhotonUser|not-verified",
            "-|-|compared: match|matches-claim",
            "-|-|not applicable: generic local account PhotonUser|generic-user",
            "-|-|not compared: AppStream_UserName absent: no such value|no-claim"})
    void checkColumn(String mismatch, String verified, String userCheck, String column) throws Exception {
        Map<String, IdentityField> identity = new java.util.LinkedHashMap<>();
        if (mismatch != null) {
            identity.put("userMismatch", new IdentityField(mismatch, "session-start", true));
        }
        if (verified != null) {
            identity.put("appstreamVerified", new IdentityField(verified, "appstream:DescribeSessions", true));
        }
        if (userCheck != null) {
            identity.put("userCheck", new IdentityField(userCheck, "session-start", true));
        }
        assertThat(TestSessions.withIdentity(dir, "HOST\\PhotonUser", identity).userCheck().label()).isEqualTo(column);
    }
}
