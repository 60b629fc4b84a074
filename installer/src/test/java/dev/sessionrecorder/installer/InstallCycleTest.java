package dev.sessionrecorder.installer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.sessionrecorder.core.spool.Json;
import dev.sessionrecorder.devkit.EmbeddedS3;
import dev.sessionrecorder.devkit.JavaProcess;
import dev.sessionrecorder.devkit.XvncDisplay;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The installer as an image builder runs it, in its own process, on a temporary root: install → doctor
 * (S3Proxy, a real capture on Xvnc) → install again (nothing changes) → uninstall; plus a bad flag that
 * changes nothing and a doctor that cannot write to the bucket.
 */
class InstallCycleTest {
    private static final String VENDOR = """
            {
              "SessionStart": {
                "executables": [
                  {"context": "user", "filename": "C:\\\\Vendor\\\\welcome.exe", "arguments": "", "s3LogEnabled": false}
                ],
                "waitingTime": 30
              },
              "SessionTermination": {"executables": [], "waitingTime": 30}
            }
            """;

    @TempDir
    static Path dir;
    static EmbeddedS3 s3;
    static XvncDisplay x;

    @BeforeAll
    static void start() throws Exception {
        assumeTrue(XvncDisplay.available(), "Xvnc (tigervnc-standalone-server) is needed for the capture self-test");
        s3 = EmbeddedS3.start(dir.resolve("s3"), "recordings");
        x = XvncDisplay.start(1280, 720, dir.resolve("xvnc.log"));
    }

    @AfterAll
    static void stop() throws Exception {
        if (x != null) {
            x.close();
        }
        if (s3 != null) {
            s3.close();
        }
    }

    @Test
    void installDoctorReinstallUninstall() throws Exception {
        Path dist = distribution();
        Path root = dir.resolve("root");
        Path scripts = Files.createDirectories(dir.resolve("AppStream")).resolve("config.json");
        Files.writeString(scripts, VENDOR);
        List<String> install = installArgs(dist, root, scripts, "recordings");

        Run first = run(install);
        assertThat(first.exit()).as(first.output()).isZero();
        assertThat(first.output()).contains("All checks passed").contains("PASS  capture").contains("PASS  s3 put").contains("PASS  hooks")
                .contains("S3 checked with profile image from " + dir.resolve("credentials") + " (the recorder on the fleet will use: "
                        + "appstream_machine_role when present, else the default chain)")
                .contains("creds as ").contains("instance role").doesNotContain("Warning: --profile");
        assertThat(root.resolve("bin/session-start.bat")).hasSameBinaryContentAs(dist.resolve("bin/session-start.bat"));
        assertThat(root.resolve("lib/recorder.jar")).hasSameBinaryContentAs(dist.resolve("lib/recorder.jar"));
        JsonNode cfg = Json.mapper().readTree(root.resolve("config/recorder.json").toFile());
        assertThat(cfg.path("s3").path("bucket").asText()).isEqualTo("recordings");
        // Doctor's own credentials never reach the image: the fleet keeps appstream_machine_role.
        assertThat(cfg.path("s3").has("profile")).isFalse();
        assertThat(cfg.path("s3").has("profileFile")).isFalse();
        assertThat(cfg.path("recording").path("chunkSeconds").asInt()).isEqualTo(30);
        assertThat(cfg.path("spool").path("dir").asText()).isEqualTo(root.resolve("spool").toString());
        for (String folder : List.of("", "spool", "config", "logs", "lib", "bin", "cache")) {
            assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(root.resolve(folder))))
                    .as("permissions of %s", root.resolve(folder)).isEqualTo("rwx------");
        }
        JsonNode merged = Json.mapper().readTree(scripts.toFile());
        assertThat(merged.path("SessionStart").path("executables")).hasSize(2);
        assertThat(merged.toString()).contains("C:\\\\Vendor\\\\welcome.exe").contains("session-start.bat").contains("session-end.bat");
        assertThat(merged.path("SessionStart").path("waitingTime").asInt()).isEqualTo(60);
        assertThat(scripts.resolveSibling("config.json.before-session-recorder")).hasContent(VENDOR);
        // The doctor's probe object is gone again, and its capture left nothing in the spool.
        assertThat(s3.client().listObjectsV2(b -> b.bucket("recordings")).contents()).isEmpty();

        FileTime configTime = Files.getLastModifiedTime(root.resolve("config/recorder.json"));
        FileTime scriptsTime = Files.getLastModifiedTime(scripts);
        String scriptsText = Files.readString(scripts);
        Run again = run(install);
        assertThat(again.exit()).as(again.output()).isZero();
        assertThat(again.output()).contains("nothing changed");
        assertThat(Files.getLastModifiedTime(root.resolve("config/recorder.json"))).isEqualTo(configTime);
        assertThat(Files.getLastModifiedTime(scripts)).isEqualTo(scriptsTime);
        assertThat(scripts).hasContent(scriptsText);

        // Another tool rewrites the session scripts without our hooks: doctor must notice before the snapshot.
        Files.writeString(scripts, VENDOR);
        Run dropped = run(List.of("doctor", "--root", root.toString(), "--appstream-config", scripts.toString()));
        assertThat(dropped.exit()).as(dropped.output()).isEqualTo(InstallerCli.DOCTOR_FAILED);
        assertThat(dropped.output()).contains("FAIL  hooks").contains("run install again");
        Files.writeString(scripts, scriptsText);

        Run uninstall = run(List.of("uninstall", "--root", root.toString(), "--appstream-config", scripts.toString()));
        assertThat(uninstall.exit()).as(uninstall.output()).isZero();
        assertThat(root).doesNotExist();
        JsonNode after = Json.mapper().readTree(scripts.toFile());
        assertThat(after.toString()).contains("welcome.exe").doesNotContain("session-start.bat").doesNotContain("session-end.bat");
    }

    @Test
    void aBadFlagIsNamedAndNothingIsInstalled() throws Exception {
        Path root = dir.resolve("bad-root");
        Path scripts = dir.resolve("bad-AppStream").resolve("config.json");
        Run bad = run(installArgs(distribution(), root, scripts, "Not_A_Bucket"));
        assertThat(bad.exit()).isEqualTo(InstallerCli.BAD_INPUT);
        assertThat(bad.output()).contains("\"s3.bucket\" is \"Not_A_Bucket\"").contains("nothing installed");
        assertThat(root.resolve("bin")).doesNotExist();
        assertThat(scripts).doesNotExist();
    }

    @Test
    void doctorNamesTheMissingPermissionWhenTheBucketCannotBeWritten() throws Exception {
        Path root = dir.resolve("denied-root");
        Run install = run(installArgs(distribution(), root, dir.resolve("denied-AppStream").resolve("config.json"), "recordings",
                "--skip-doctor"));
        assertThat(install.exit()).as(install.output()).isZero();
        s3.faults().failPuts(403);
        try {
            Run doctor = run(List.of("doctor", "--root", root.toString(), "--doctor-profile", "image", "--doctor-profile-file",
                    dir.resolve("credentials").toString()));
            assertThat(doctor.exit()).as(doctor.output()).isEqualTo(InstallerCli.DOCTOR_FAILED);
            assertThat(doctor.output()).contains("FAIL  s3 put").contains("s3:PutObject").contains("arn:aws:s3:::recordings/")
                    .contains("check(s) FAILED");
        } finally {
            s3.faults().heal();
        }
    }

    @Test
    void uninstallKeepsRecordingsThatNeverReachedS3UnlessPurged() throws Exception {
        Path root = dir.resolve("keep-root");
        Run install = run(installArgs(distribution(), root, dir.resolve("keep-AppStream").resolve("config.json"), "recordings",
                "--skip-doctor"));
        assertThat(install.exit()).as(install.output()).isZero();
        Path session = Files.createDirectories(root.resolve("spool/sessions/s-1"));
        Files.writeString(session.resolve("000001.mp4"), "not uploaded");

        Run keep = run(List.of("uninstall", "--root", root.toString()));
        assertThat(keep.exit()).isZero();
        assertThat(keep.output()).contains("kept " + root.resolve("spool")).contains("s-1");
        assertThat(session.resolve("000001.mp4")).exists();
        assertThat(root.resolve("lib")).doesNotExist();

        Run purge = run(List.of("uninstall", "--root", root.toString(), "--purge"));
        assertThat(purge.exit()).isZero();
        assertThat(root).doesNotExist();
    }

    /** A distribution as the zip unpacks: the real hooks of both platforms, and a stand-in jar. */
    private static Path distribution() throws Exception {
        Path dist = dir.resolve("dist");
        if (!Files.exists(dist)) {
            Files.createDirectories(dist.resolve("bin"));
            Files.createDirectories(dist.resolve("lib"));
            Path launchers = Path.of("..", "session-hooks", "src", "main", "dist", "bin");
            for (String name : List.of("session-start.bat", "session-end.bat")) {
                Files.copy(launchers.resolve(name), dist.resolve("bin").resolve(name));
            }
            // The hooks doctor's launcher check reads on this platform (Linux): the ones the -linux.zip ships.
            for (String name : List.of("session-start", "session-end")) {
                Files.copy(Path.of("src", "main", "dist", "linux", "bin", name), dist.resolve("bin").resolve(name));
            }
            Files.writeString(dist.resolve("lib").resolve("recorder.jar"), "stand-in for the recorder's jars");
        }
        return dist;
    }

    private static List<String> installArgs(Path dist, Path root, Path scripts, String bucket, String... more) throws Exception {
        Path creds = s3.writeCredentialsFile(dir.resolve("credentials"), "image");
        List<String> args = new ArrayList<>(List.of("install", "--from", dist.toString(), "--root", root.toString(),
                "--bucket", bucket, "--region", EmbeddedS3.REGION, "--prefix", "recordings", "--endpoint", s3.endpoint().toString(),
                "--path-style", "--doctor-profile", "image", "--doctor-profile-file", creds.toString(), "--chunk-seconds", "30",
                "--appstream-config", scripts.toString()));
        args.addAll(List.of(more));
        return args;
    }

    record Run(int exit, String output) {}

    private static Run run(List<String> args) throws Exception {
        Path log = Files.createTempFile(dir, "installer-", ".log");
        // No metadata service here: said at once instead of after the 1 s timeout.
        Process p = JavaProcess.start(InstallerCli.class.getName(), args, Map.of("DISPLAY", x.display(), "AWS_EC2_METADATA_DISABLED",
                "true"), log);
        if (!p.waitFor(3, TimeUnit.MINUTES)) {
            p.destroyForcibly();
            throw new AssertionError("installer did not finish: " + Files.readString(log));
        }
        return new Run(p.exitValue(), Files.readString(log));
    }
}
