package dev.sessionrecorder.recordings;

import static dev.sessionrecorder.recordings.RecordedSessions.BUCKET;
import static dev.sessionrecorder.recordings.RecordedSessions.args;
import static dev.sessionrecorder.recordings.RecordedSessions.run;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.sessionrecorder.core.manifest.ChainVerifier;
import dev.sessionrecorder.core.session.SessionMetadata.IdentityField;
import dev.sessionrecorder.core.spool.ChunkRecord;
import dev.sessionrecorder.core.spool.FileHash;
import dev.sessionrecorder.core.spool.Json;
import dev.sessionrecorder.devkit.EmbeddedS3;
import dev.sessionrecorder.devkit.MediaProbe;
import dev.sessionrecorder.devkit.ResettingProxy;
import dev.sessionrecorder.recordings.RecordedSessions.Run;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * The auditor's tool against sessions the real recorder made: list with filters, show, verify on an
 * intact and on tampered sessions, fetch into one playable file, and a fetch resumed after a cut.
 */
class RecordingsToolTest {
    static final String ALICE = "sess-alice";
    static final String BOB = "sess-bob";
    /** A prefix holding copies as a fleet not joined to a domain records them: every Windows user is PhotonUser. */
    static final String PHOTON = "photon";
    /** 00:30 on 3 November in Berlin (UTC+1), stored under the UTC day 2 November. */
    static final Instant HALF_PAST_MIDNIGHT_IN_BERLIN = Instant.parse("2026-11-02T23:30:00Z");

    @TempDir
    static Path dir;
    static RecordedSessions sessions;
    static String aliceBase;
    static String bobBase;

    @BeforeAll
    static void record() throws Exception {
        sessions = new RecordedSessions(dir);
        sessions.record(ALICE, 14, List.of("--user", "CORP\\alice", "--user-source", "windows-session", "--stack", "stack-a",
                "--fleet", "fleet-1"), () -> { });
        sessions.record(BOB, 14, List.of("--user", "bob", "--stack", "stack-b", "--fleet", "fleet-2"), () -> {
            try {
                assertThat(sessions.display.run("xrandr", "-s", "1280x720")).isZero();
            } catch (Exception e) {
                throw new AssertionError(e);
            }
        });
        sessions.display.run("xrandr", "-s", "1920x1080");
        aliceBase = keyBase(ALICE);
        bobBase = keyBase(BOB);
        sessions.copyAs(aliceBase, "2026/01/15", "stack-a", "old-carol", "carol", "fleet-1");
        sessions.copyAs(aliceBase, "2025/12/31", "stack-c", "older-dave", "dave", "fleet-3");
        sessions.copyAs(aliceBase, PHOTON, HALF_PAST_MIDNIGHT_IN_BERLIN, "stack-p", "photon-alice", "EC2AMAZ-1\\PhotonUser", "fleet-p",
                photonIdentity("alice"));
        sessions.copyAs(aliceBase, PHOTON, Instant.parse("2026-11-03T10:00:00Z"), "stack-p", "photon-rejected",
                "EC2AMAZ-2\\PhotonUser", "fleet-p", photonIdentity("rejected: character U+202E at position 5"));
        sessions.copyAs(aliceBase, PHOTON, Instant.parse("2026-11-03T23:30:00Z"), "stack-p", "photon-bob",
                "EC2AMAZ-3\\PhotonUser", "fleet-p", photonIdentity("bob@corp.example"));
    }

    @AfterAll
    static void stop() throws Exception {
        if (sessions != null) {
            sessions.close();
        }
    }

    /** What session-start records on a PhotonUser fleet: the AppStream user name as a claim, and no comparison. */
    private static Map<String, IdentityField> photonIdentity(String claim) {
        return Map.of("AppStream_UserName", new IdentityField(claim, "HKU\\S-1-5-21-1\\Volatile Environment", false),
                "userCheck", new IdentityField("not applicable: generic local account PhotonUser",
                        "session-start: sessionUser against AppStream_UserName", true));
    }

    private static List<String> photon(String... more) {
        List<String> a = new ArrayList<>(List.of(more));
        a.addAll(sessions.store(sessions.s3.endpoint().toString(), PHOTON));
        return a;
    }

    private static String keyBase(String id) {
        try (S3Client c = sessions.client()) {
            String key = c.listObjectsV2Paginator(b -> b.bucket(BUCKET)).contents().stream().map(o -> o.key())
                    .filter(k -> k.endsWith("/" + id + "/manifest.json")).findFirst().orElseThrow();
            return key.substring(0, key.length() - "/manifest.json".length());
        }
    }

    private static List<String> ids(Run r) throws Exception {
        List<String> out = new ArrayList<>();
        r.json().forEach(n -> out.add(n.path("sessionId").asText()));
        return out;
    }

    @Test
    void listShowsEverySessionNewestFirstWithItsColumns() throws Exception {
        Run json = run(args("list", sessions.store(), "--json"));
        assertThat(json.code()).as(json.toString()).isZero();
        assertThat(ids(json)).containsExactlyInAnyOrder(ALICE, BOB, "old-carol", "older-dave");
        assertThat(ids(json).subList(2, 4)).containsExactly("old-carol", "older-dave");
        JsonNode alice = Stream.of(json.json()).flatMap(a -> java.util.stream.StreamSupport.stream(a.spliterator(), false))
                .filter(n -> n.path("sessionId").asText().equals(ALICE)).findFirst().orElseThrow();
        assertThat(alice.path("user").asText()).isEqualTo("CORP\\alice");
        assertThat(alice.path("userSource").asText()).isEqualTo("windows-session");
        assertThat(alice.path("stack").asText()).isEqualTo("stack-a");
        assertThat(alice.path("fleet").asText()).isEqualTo("fleet-1");
        assertThat(alice.path("key").asText()).isEqualTo(aliceBase);
        assertThat(alice.path("chunks").asInt()).isGreaterThanOrEqualTo(3);
        assertThat(alice.path("durationSeconds").asDouble()).isBetween(12.0, 30.0);
        assertThat(alice.path("integrity").asText()).isEqualTo("sealed");

        Run table = run(args("list", sessions.store()));
        assertThat(table.code()).as(table.toString()).isZero();
        assertThat(table.out()).contains("START (UTC)", "DURATION", "USER", "CHECK", "STACK", "FLEET", "SESSION", "CHUNKS", "SIZE",
                "INTEGRITY", "CORP\\alice", "sealed", "4 session(s) in s3://recordings/rec, all days");
    }

    @Test
    void listFiltersByUserStackFleetAndDay() throws Exception {
        assertThat(ids(run(args("list", sessions.store(), "--json", "--user", "ALICE")))).containsExactly(ALICE);
        assertThat(ids(run(args("list", sessions.store(), "--json", "--user", "corp\\alice")))).containsExactly(ALICE);
        assertThat(ids(run(args("list", sessions.store(), "--json", "--stack", "stack-b")))).containsExactly(BOB);
        assertThat(ids(run(args("list", sessions.store(), "--json", "--fleet", "fleet-1"))))
                .containsExactlyInAnyOrder(ALICE, "old-carol");
        assertThat(ids(run(args("list", sessions.store(), "--json", "--since", "2026-01-01", "--until", "2026-01-31"))))
                .containsExactly("old-carol");
        assertThat(ids(run(args("list", sessions.store(), "--json", "--until", "2026-01-15"))))
                .containsExactly("old-carol", "older-dave");
        assertThat(ids(run(args("list", sessions.store(), "--json", "--since", "2026-01-16"))))
                .containsExactlyInAnyOrder(ALICE, BOB);
        assertThat(ids(run(args("list", sessions.store(), "--json", "--stack", "stack-a", "--user", "carol"))))
                .containsExactly("old-carol");
    }

    @Test
    void aPhotonUserSessionIsFoundByItsClaimedNameWhichIsMarkedAsAClaim() throws Exception {
        Run json = run(photon("list", "--json", "--user", "alice"));
        assertThat(json.code()).as(json.toString()).isZero();
        assertThat(ids(json)).containsExactly("photon-alice");
        JsonNode row = json.json().get(0);
        assertThat(row.path("user").asText()).isEqualTo("EC2AMAZ-1\\PhotonUser");
        assertThat(row.path("claimedUser").asText()).isEqualTo("alice");
        assertThat(row.path("matchedBy").asText()).isEqualTo("claimed AppStream user");
        assertThat(row.path("userCheck").asText()).isEqualTo("generic-user");

        Run table = run(photon("list", "--user", "alice"));
        assertThat(table.out()).contains("MATCHED", "EC2AMAZ-1\\PhotonUser (claimed: alice)", "claimed AppStream user", "generic-user",
                "1 of them matched only the claimed AppStream user");

        assertThat(ids(run(photon("list", "--json", "--user", "bob")))).as("e-mail style claim, by its user part")
                .containsExactly("photon-bob");
        assertThat(ids(run(photon("list", "--json", "--user", "BOB@corp.example")))).containsExactly("photon-bob");
        Run everyone = run(photon("list", "--json", "--user", "photonuser"));
        assertThat(ids(everyone)).containsExactlyInAnyOrder("photon-alice", "photon-rejected", "photon-bob");
        everyone.json().forEach(n -> assertThat(n.path("matchedBy").asText()).isEqualTo("session user"));
        Run trusted = run(args("list", sessions.store(), "--json", "--user", "alice"));
        assertThat(trusted.json().get(0).path("matchedBy").asText()).isEqualTo("session user");
    }

    @Test
    void aRejectedClaimNeverMatches() throws Exception {
        assertThat(ids(run(photon("list", "--json", "--user", "rejected: character U+202E at position 5")))).isEmpty();
        assertThat(ids(run(photon("list", "--json", "--user", "rejected")))).isEmpty();
        Run all = run(photon("list"));
        assertThat(all.out()).contains("EC2AMAZ-2\\PhotonUser ").doesNotContain("claimed: rejected");
    }

    @Test
    void tzFindsTheLocalDayAcrossTheUtcDayBoundaryAndPrintsLocalTimes() throws Exception {
        Run berlin = run(photon("list", "--since", "2026-11-03", "--until", "2026-11-03", "--tz", "Europe/Berlin"));
        assertThat(berlin.code()).as(berlin.toString()).isZero();
        assertThat(berlin.out()).contains("START (Europe/Berlin)", "2026-11-03 00:30:00", "photon-alice", "photon-rejected",
                "2 session(s) in s3://recordings/photon, 2026-11-03 to 2026-11-03 in Europe/Berlin (UTC days 2026-11-02 to 2026-11-03)")
                .as("00:30 on the 4th in Berlin").doesNotContain("photon-bob");
        assertThat(ids(run(photon("list", "--json", "--since", "2026-11-03", "--until", "2026-11-03"))))
                .as("the same days in UTC").containsExactly("photon-bob", "photon-rejected");

        JsonNode row = run(photon("list", "--json", "--since", "2026-11-03", "--until", "2026-11-03", "--tz", "Europe/Berlin",
                "--user", "alice")).json().get(0);
        assertThat(row.path("start").asText()).isEqualTo("2026-11-02T23:30:00Z");
        assertThat(row.path("startLocal").asText()).isEqualTo("2026-11-03T00:30:00+01:00");
        assertThat(row.path("timeZone").asText()).isEqualTo("Europe/Berlin");

        Run show = run(photon("show", "photon-alice", "--since", "2026-11-03", "--until", "2026-11-03", "--tz", "Europe/Berlin"));
        assertThat(show.code()).as(show.toString()).isZero();
        assertThat(show.out()).contains("Started    2026-11-03 00:30:00", "(times in Europe/Berlin, UTC+01:00)", "START (Europe/Berlin)");
        assertThat(show.err()).contains("in Europe/Berlin (UTC days 2026-11-02 to 2026-11-03)");
        Run showJson = run(photon("show", "photon-alice", "--json", "--tz", "Europe/Berlin"));
        assertThat(showJson.json().path("session").path("startedAtLocal").asText()).isEqualTo("2026-11-03T00:30:00+01:00");
        assertThat(showJson.json().path("chunks").get(0).path("startLocal").asText()).endsWith("+01:00");
        assertThat(run(photon("show", "photon-alice", "--since", "2026-11-03", "--until", "2026-11-03")).code())
                .as("in UTC it started on the 2nd").isEqualTo(4);
    }

    @Test
    void showGivesProvenanceChunksAndTheResolutionChange() throws Exception {
        Run alice = run(args("show", sessions.store(), ALICE));
        assertThat(alice.code()).as(alice.toString()).isZero();
        assertThat(alice.out()).contains("Session    " + ALICE, "s3://recordings/" + aliceBase,
                "CORP\\alice  (source: windows-session; check: unchecked)", "Stack      stack-a    Fleet fleet-1",
                "final (sealed by the recorder)", "000001.mp4", "1920x1080", "Resolution changes: none", "Recovered chunks: none");

        Run bob = run(args("show", sessions.store(), bobBase, "--json"));
        assertThat(bob.code()).as(bob.toString()).isZero();
        JsonNode b = bob.json();
        assertThat(b.path("session").path("user").path("value").asText()).isEqualTo("bob");
        assertThat(b.path("resolutionChanges")).hasSize(1);
        JsonNode change = b.path("resolutionChanges").get(0);
        assertThat(List.of(change.path("fromWidth").asInt(), change.path("fromHeight").asInt(), change.path("toWidth").asInt(),
                change.path("toHeight").asInt())).containsExactly(1920, 1080, 1280, 720);
        Run bobText = run(args("show", sessions.store(), "s3://" + BUCKET + "/" + bobBase + "/manifest.json"));
        assertThat(bobText.out()).contains("1920x1080 -> 1280x720");
    }

    @Test
    void verifyPassesAnIntactSessionInS3() {
        Run r = run(args("verify", sessions.store(), ALICE));
        assertThat(r.code()).as(r.toString()).isZero();
        assertThat(r.out()).startsWith("INTACT: session " + ALICE);
        assertThat(r.err()).contains("Searching all days", "Reading back and hashing 3 chunk(s)");
    }

    @Test
    void verifyNamesAnAlteredChunk() throws Exception {
        String key = aliceBase + "/chunks/000002.mp4";
        byte[] original = get(key);
        byte[] altered = original.clone();
        altered[altered.length / 2] ^= 0x01; // one bit, same size: only re-hashing can tell
        try {
            put(key, altered);
            Run r = run(args("verify", sessions.store(), aliceBase));
            assertThat(r.code()).as(r.toString()).isEqualTo(3);
            assertThat(r.out()).contains("NOT INTACT", "ALTERED chunk 2: content differs from the recorded SHA-256");
            assertThat(r.out()).doesNotContain("chunk 1:", "chunk 3:");
            Run list = run(args("list", sessions.store(), "--json", "--user", "alice"));
            assertThat(list.json().get(0).path("integrity").asText())
                    .as("same size: the listing cannot see it, which is why verify re-hashes").isEqualTo("sealed");
        } finally {
            put(key, original);
        }
    }

    @Test
    void verifyNamesADeletedChunk() throws Exception {
        String key = aliceBase + "/chunks/000003.mp4";
        byte[] original = get(key);
        try (S3Client c = sessions.client()) {
            c.deleteObject(b -> b.bucket(BUCKET).key(key));
            Run r = run(args("verify", sessions.store(), aliceBase, "--json"));
            assertThat(r.code()).as(r.toString()).isEqualTo(3);
            JsonNode report = r.json();
            assertThat(report.path("intact").asBoolean()).isFalse();
            assertThat(report.path("problems")).hasSize(1);
            assertThat(report.path("problems").get(0).path("kind").asText()).isEqualTo("MISSING");
            assertThat(report.path("problems").get(0).path("chunk").asInt()).isEqualTo(3);
            assertThat(report.path("problems").get(0).path("message").asText()).contains("000003.mp4");
            Run list = run(args("list", sessions.store(), "--json", "--user", "alice"));
            assertThat(list.json().get(0).path("integrity").asText()).isEqualTo("DAMAGED: 1 missing");
        } finally {
            put(key, original);
        }
    }

    @Test
    void verifyNamesTwoSwappedChunksAndAnExtraOne() throws Exception {
        String one = aliceBase + "/chunks/000001.mp4";
        String two = aliceBase + "/chunks/000002.mp4";
        String extra = aliceBase + "/chunks/000099.mp4";
        byte[] a = get(one);
        byte[] b = get(two);
        try {
            put(one, b);
            put(two, a);
            put(extra, a);
            Run r = run(args("verify", sessions.store(), aliceBase));
            assertThat(r.code()).as(r.toString()).isEqualTo(3);
            assertThat(r.out()).contains("REORDERED chunk 1: 000001.mp4 holds the bytes of chunk 2",
                    "REORDERED chunk 2: 000002.mp4 holds the bytes of chunk 1",
                    "EXTRA: chunks/000099.mp4 (" + a.length + " bytes) is stored but not in the manifest");
        } finally {
            put(one, a);
            put(two, b);
            try (S3Client c = sessions.client()) {
                c.deleteObject(x -> x.bucket(BUCKET).key(extra));
            }
        }
    }

    @Test
    void fetchWritesOnePlayableFileAsLongAsItsChunksAndAVerifiableFolder() throws Exception {
        Path out = dir.resolve("fetched");
        Run r = run(args("fetch", sessions.store(), ALICE, "--out", out.toString()));
        assertThat(r.code()).as(r.toString()).isZero();
        Path folder = out.resolve(ALICE);
        assertThat(r.out()).contains("INTACT", "Video: " + folder.resolve(ALICE + ".mp4"));
        assertThat(folder.resolve("session.json")).exists();
        assertThat(folder.resolve("timeline.json")).exists();

        List<ChunkRecord> chain = ChainVerifier.chunks(Json.mapper().readTree(folder.resolve("manifest.json").toFile()));
        double sum = 0;
        for (ChunkRecord c : chain) {
            sum += MediaProbe.probe(folder.resolve("chunks").resolve(c.file())).duration();
        }
        MediaProbe.Info joined = MediaProbe.probe(folder.resolve(ALICE + ".mp4"));
        assertThat(joined.clean()).as(joined.errors()).isTrue();
        assertThat(joined.width()).isEqualTo(1920);
        assertThat(joined.containerDuration()).isCloseTo(sum, within(1.0));
        assertThat(joined.duration()).isCloseTo(sum, within(1.0));
        assertThat(sum).isGreaterThan(10);

        Run local = run(List.of("verify", folder.toString()));
        assertThat(local.code()).as(local.toString()).isZero();
        assertThat(local.out()).contains("INTACT", folder.toString());
    }

    @Test
    void fetchJudgesTheCopyAgainstS3AndLeavesBadChunksOutOfTheVideo() throws Exception {
        Path out = dir.resolve("fetched-twice");
        assertThat(run(args("fetch", sessions.store(), ALICE, "--out", out.toString())).code()).isZero();
        String two = aliceBase + "/chunks/000002.mp4";
        String three = aliceBase + "/chunks/000003.mp4";
        byte[] original2 = get(two);
        byte[] original3 = get(three);
        byte[] altered = original2.clone();
        altered[altered.length / 3] ^= 0x10;
        try (S3Client c = sessions.client()) {
            put(two, altered);
            c.deleteObject(b -> b.bucket(BUCKET).key(three));
            // Chunk 3 is still in the folder from the first fetch, but S3 no longer has it: the verdict says so.
            Run r = run(args("fetch", sessions.store(), ALICE, "--out", out.toString()));
            assertThat(r.code()).as(r.toString()).isEqualTo(3);
            assertThat(r.out()).contains("NOT INTACT", "ALTERED chunk 2", "MISSING chunk 3", "(downloaded from s3://",
                    "Chunks with a problem above are left out of the videos.", "Video: " + out.resolve(ALICE).resolve(ALICE + ".mp4"),
                    "chunk 1)");
        } finally {
            put(two, original2);
            put(three, original3);
        }
    }

    @Test
    void aBareSessionIdIsReadFromS3EvenWhenAFolderOfThatNameExists() throws Exception {
        Path here = Path.of("").toAbsolutePath().resolve(BOB);
        Files.createDirectories(here.resolve("chunks"));
        Files.writeString(here.resolve("manifest.json"), "{}");
        try {
            Run r = run(args("verify", sessions.store(), BOB));
            assertThat(r.code()).as(r.toString()).isZero();
            assertThat(r.out()).contains("s3://recordings/" + bobBase);
            Run local = run(List.of("verify", "./" + BOB));
            assertThat(local.code()).isEqualTo(3);
            assertThat(local.out()).contains("local folder " + here, "DOCUMENT: session.json is missing");
        } finally {
            Files.delete(here.resolve("manifest.json"));
            Files.delete(here.resolve("chunks"));
            Files.delete(here);
        }
    }

    @Test
    void fetchWritesOneFilePerResolution() throws Exception {
        Run r = run(args("fetch", sessions.store(), BOB, "--out", dir.resolve("fetched-bob").toString()));
        assertThat(r.code()).as(r.toString()).isZero();
        Path folder = dir.resolve("fetched-bob").resolve(BOB);
        MediaProbe.Info first = MediaProbe.probe(folder.resolve(BOB + "-1-1920x1080.mp4"));
        MediaProbe.Info second = MediaProbe.probe(folder.resolve(BOB + "-2-1280x720.mp4"));
        assertThat(List.of(first.width(), first.height(), second.width(), second.height())).containsExactly(1920, 1080, 1280, 720);
        assertThat(first.clean() && second.clean()).as(first.errors() + second.errors()).isTrue();
        JsonNode timeline = Json.mapper().readTree(folder.resolve("timeline.json").toFile());
        assertThat(timeline.path("files")).hasSize(2);
    }

    @Test
    void fetchResumesAfterTheDownloadIsCut() throws Exception {
        Path out = dir.resolve("fetched-resumed");
        Path folder = out.resolve(ALICE);
        List<ChunkRecord> chain = ChainVerifier.chunks(Json.mapper().readTree(get(aliceBase + "/manifest.json")));
        try (ResettingProxy proxy = ResettingProxy.start(sessions.s3.endpoint())) {
            // Cut the connection halfway through the second chunk's body (the documents come first: a few KB).
            proxy.cutResponsesNext(1, chain.get(0).bytes() + chain.get(1).bytes() / 2);
            Run cut = run(args("fetch", sessions.store(proxy.endpoint().toString()), aliceBase, "--out", out.toString(),
                    "--retries", "0"));
            assertThat(cut.code()).as(cut.toString()).isEqualTo(1);
            assertThat(proxy.resets()).isEqualTo(1);
            assertThat(cut.err()).contains("kept in", "for the next run");
            Path part = folder.resolve("chunks").resolve("000002.mp4.part");
            assertThat(folder.resolve("chunks").resolve("000001.mp4")).exists();
            assertThat(part).exists();
            long partial = Files.size(part);
            assertThat(partial).isBetween(1L, chain.get(1).bytes() - 1);

            Run resumed = run(args("fetch", sessions.store(proxy.endpoint().toString()), aliceBase, "--out", out.toString()));
            assertThat(resumed.code()).as(resumed.toString()).isZero();
            assertThat(resumed.err()).contains("000001.mp4 already here, SHA-256 matches", "000002.mp4 resumed and completed");
            assertThat(part).doesNotExist();
        }
        for (ChunkRecord c : chain) {
            assertThat(FileHash.hex(FileHash.sha256(folder.resolve("chunks").resolve(c.file())))).isEqualTo(c.sha256());
        }
        assertThat(MediaProbe.probe(folder.resolve(ALICE + ".mp4")).clean()).isTrue();
    }

    /** Our layout is plain S3: a second, independent client lists and copies a session, and the copy verifies. */
    @Test
    void theDebianAwsCliListsAndDownloadsTheSameObjects() throws Exception {
        Path aws = Path.of("/usr/bin/aws");
        assumeTrue(Files.isExecutable(aws), "Debian's awscli is not installed (apt-get install awscli); test.sh installs it");
        String endpoint = sessions.s3.endpoint().toString();
        String listing = aws(aws, "--endpoint-url", endpoint, "s3", "ls", "--recursive", "s3://" + BUCKET + "/rec/");
        List<ChunkRecord> chain = ChainVerifier.chunks(Json.mapper().readTree(get(aliceBase + "/manifest.json")));
        for (ChunkRecord c : chain) {
            assertThat(listing).containsPattern("\\s" + c.bytes() + " " + java.util.regex.Pattern.quote(aliceBase + "/chunks/" + c.file()));
        }
        assertThat(listing).contains(aliceBase + "/session.json", aliceBase + "/manifest.json", bobBase + "/manifest.json");

        Path copy = dir.resolve("aws-copy");
        aws(aws, "--endpoint-url", endpoint, "s3", "cp", "--recursive", "--only-show-errors", "s3://" + BUCKET + "/" + aliceBase + "/",
                copy.toString());
        Run r = run(List.of("verify", copy.toString()));
        assertThat(r.code()).as(r.toString()).isZero();
        assertThat(r.out()).contains("INTACT", chain.size() + " chunk(s)");
    }

    private static String aws(Path aws, String... args) throws Exception {
        List<String> cmd = new ArrayList<>(List.of(aws.toString()));
        cmd.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true);
        Map<String, String> env = pb.environment();
        env.put("AWS_ACCESS_KEY_ID", EmbeddedS3.ACCESS_KEY);
        env.put("AWS_SECRET_ACCESS_KEY", EmbeddedS3.SECRET_KEY);
        env.put("AWS_DEFAULT_REGION", EmbeddedS3.REGION);
        env.put("AWS_EC2_METADATA_DISABLED", "true"); // never ask a metadata service
        env.put("AWS_CONFIG_FILE", dir.resolve("no-aws-config").toString());
        env.put("AWS_SHARED_CREDENTIALS_FILE", dir.resolve("no-aws-credentials").toString());
        env.put("AWS_PAGER", "");
        Process p = pb.start();
        String out = new String(p.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        assertThat(p.waitFor(120, java.util.concurrent.TimeUnit.SECONDS)).isTrue();
        assertThat(p.exitValue()).as(String.join(" ", cmd) + "\n" + out).isZero();
        return out;
    }

    @Test
    void badInputNamesTheFlagAndUnknownSessionsExitFour() {
        Run noBucket = run(List.of("list", "--region", "us-east-1"));
        assertThat(noBucket.code()).isEqualTo(2);
        assertThat(noBucket.err()).contains("--bucket");
        Run badRegion = run(List.of("list", "--bucket", BUCKET, "--region", "europe"));
        assertThat(badRegion.code()).isEqualTo(2);
        assertThat(badRegion.err()).contains("--region", "\"europe\"", "Fix:");
        for (String command : List.of("list", "show")) {
            Run badZone = run(command.equals("list") ? photon("list", "--tz", "Mars/Olympus") : photon("show", "photon-alice", "--tz", "CEST"));
            assertThat(badZone.code()).as(badZone.toString()).isEqualTo(2);
            assertThat(badZone.err()).contains("--tz", command.equals("list") ? "\"Mars/Olympus\"" : "\"CEST\"",
                    "Fix: use an IANA name such as Europe/Berlin", "local");
        }
        Run unknown = run(args("verify", sessions.store(), "no-such-session"));
        assertThat(unknown.code()).as(unknown.toString()).isEqualTo(4);
        assertThat(unknown.err()).contains("no session no-such-session", "recordings list");
        Run help = run(List.of("fetch", "--help"));
        assertThat(help.code()).isZero();
        assertThat(help.out()).contains("--out", "Resumable", "Exit codes");
    }

    /** The session id, user and day docs/recordings.md uses in its examples. */
    static final String DOC_SESSION = "ec2amaz-4kq1r7b-20261103T132204Z-3fa9c1";

    /**
     * Issue 14 item 4: every {@code recordings} command in docs/recordings.md's bash blocks runs as written
     * against copies of a real session made to match the doc: alice (by her claimed name, on a PhotonUser
     * fleet) on 3 November in Berlin, in the bucket {@code rec-bucket} under the default prefix. Only the
     * connection flags are added; each exits as the doc says and prints what the doc says it prints.
     */
    @TestFactory
    Stream<DynamicTest> theRecipesInRecordingsMdRunAsWritten() throws Exception {
        String bucket = "rec-bucket";
        try (S3Client c = sessions.client()) {
            c.createBucket(b -> b.bucket(bucket));
        }
        sessions.copyAs(aliceBase, bucket, "recordings", Instant.parse("2026-11-03T13:22:04Z"), "stack-a", DOC_SESSION,
                "EC2AMAZ-4KQ1R7B\\PhotonUser", "fleet-1", photonIdentity("alice"));
        // 00:30 on 3 November in Berlin is 2 November in UTC: the doc says the Berlin day still finds it.
        String justAfterMidnight = "ec2amaz-4kq1r7b-20261102T233000Z-77aa01";
        sessions.copyAs(aliceBase, bucket, "recordings", HALF_PAST_MIDNIGHT_IN_BERLIN, "stack-a", justAfterMidnight,
                "EC2AMAZ-4KQ1R7B\\PhotonUser", "fleet-1", photonIdentity("alice"));
        // 00:30 on 4 November in Berlin, still 3 November in UTC: not on the Berlin day.
        String nextBerlinDay = "ec2amaz-4kq1r7b-20261103T233000Z-0c4d11";
        sessions.copyAs(aliceBase, bucket, "recordings", Instant.parse("2026-11-03T23:30:00Z"), "stack-a", nextBerlinDay,
                "EC2AMAZ-4KQ1R7B\\PhotonUser", "fleet-1", photonIdentity("alice"));

        List<String> connection = List.of("--endpoint", sessions.s3.endpoint().toString(), "--path-style", "--profile", "auditor",
                "--profile-file", sessions.credentials.toString());
        DocRecipes docs = new DocRecipes(dir.resolve("recipes"), connection);
        List<DocRecipes.Recipe> recipes = DocRecipes.read();
        assertThat(recipes).as("recipes in " + DocRecipes.DOC).hasSizeGreaterThanOrEqualTo(5);
        return recipes.stream().map(recipe -> DynamicTest.dynamicTest(recipe.toString(), () -> {
            DocRecipes.Result r = docs.run(recipe);
            assertThat(r.code()).as(recipe + "\n" + r).isEqualTo(recipe.expectedExit());
            String out = r.out();
            switch (recipe.subcommand()) {
                case "list" -> {
                    assertThat(out).as(recipe + "\n" + r).contains(DOC_SESSION, justAfterMidnight).doesNotContain(nextBerlinDay);
                    if (!recipe.command().contains("--json")) {
                        // "Times print in Berlin time ... Read USER, MATCHED and CHECK together"
                        assertThat(out).as(recipe + "\n" + r).contains("START (Europe/Berlin)", "2026-11-03 14:22:04",
                                "2026-11-03 00:30:00", "MATCHED", "claimed AppStream user", "generic-user");
                    } else {
                        // "the session id and key of each row in a form a script can read"
                        JsonNode row = Json.mapper().readTree(out).get(0);
                        assertThat(row.path("sessionId").asText()).isEqualTo(DOC_SESSION);
                        assertThat(row.path("key").asText()).endsWith("/" + DOC_SESSION);
                    }
                }
                // "with local times" and "`show --tz` prints the offset"
                case "show" -> assertThat(out).as(recipe + "\n" + r).contains(DOC_SESSION, "2026-11-03 14:22:04", "UTC+01:00");
                // "`fetch` prints a `Video:` line per file and the path of `timeline.json`"
                case "fetch" -> assertThat(out).as(recipe + "\n" + r).contains("INTACT", "Video: ", "timeline.json");
                case "verify" -> {
                    Path report = docs.workDir().resolve("evidence").resolve(DOC_SESSION + "-verify.json");
                    assertThat(Json.mapper().readTree(report.toFile()).path("intact").asBoolean()).as(recipe + "\n" + r).isTrue();
                }
                default -> throw new AssertionError(recipe + ": a new kind of recipe; say here what the doc promises it prints");
            }
        }));
    }

    private static byte[] get(String key) {
        try (S3Client c = sessions.client()) {
            return c.getObjectAsBytes(b -> b.bucket(BUCKET).key(key)).asByteArray();
        }
    }

    private static void put(String key, byte[] body) {
        try (S3Client c = sessions.client()) {
            c.putObject(b -> b.bucket(BUCKET).key(key), RequestBody.fromBytes(body));
        }
    }
}
