package dev.sessionrecorder.recordings.store;

import dev.sessionrecorder.core.session.SessionMetadata;
import dev.sessionrecorder.core.session.SessionMetadata.IdentityField;
import dev.sessionrecorder.core.spool.Json;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;

/** Sessions made of a session.json and an empty manifest in a folder, for tests of what the tool reads from them. */
public final class TestSessions {
    private TestSessions() {}

    /** A session of {@code windowsUser} whose session-start recorded {@code identity}. */
    public static Session withIdentity(Path dir, String windowsUser, Map<String, IdentityField> identity) throws IOException {
        SessionMetadata meta = new SessionMetadata("s-1", new SessionMetadata.Sourced(windowsUser, "windows-session"), "HOST",
                Optional.empty(), Optional.empty(), Instant.parse("2026-11-25T10:00:00Z"), Optional.empty(), "test",
                "rec/2026/11/25/no-stack/s-1", new SessionMetadata.Settings("gdigrab desktop", 5, 60, "libopenh264", Map.of()),
                identity);
        Files.createDirectories(dir);
        Files.write(dir.resolve("session.json"), Json.mapper().writeValueAsBytes(meta));
        Files.writeString(dir.resolve("manifest.json"), "{}");
        return Session.load(new FolderSessionFiles(dir));
    }

    /** A session of {@code windowsUser} with the AppStream user name {@code claim} (no claim when null). */
    public static Session claiming(Path dir, String windowsUser, String claim) throws IOException {
        return withIdentity(dir, windowsUser, claim == null ? Map.of()
                : Map.of("AppStream_UserName", new IdentityField(claim, "HKU\\S-1-5-21\\Volatile Environment", false)));
    }
}
