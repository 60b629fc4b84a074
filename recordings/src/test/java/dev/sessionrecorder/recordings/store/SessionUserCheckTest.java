package dev.sessionrecorder.recordings.store;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sessionrecorder.core.session.SessionMetadata;
import dev.sessionrecorder.core.session.SessionMetadata.IdentityField;
import dev.sessionrecorder.core.spool.Json;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
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
        SessionMetadata meta = new SessionMetadata("s-1", new SessionMetadata.Sourced("HOST\\PhotonUser", "windows-session"), "HOST",
                Optional.empty(), Optional.empty(), Instant.parse("2026-11-25T10:00:00Z"), Optional.empty(), "test",
                "rec/dt=2026-11-25/s-1", new SessionMetadata.Settings("gdigrab desktop", 5, 60, "libopenh264", Map.of()), identity);
        Files.write(dir.resolve("session.json"), Json.mapper().writeValueAsBytes(meta));
        Files.writeString(dir.resolve("manifest.json"), "{}");
        assertThat(Session.load(new FolderSessionFiles(dir)).userCheck().label()).isEqualTo(column);
    }
}
