package dev.sessionrecorder.installer;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sessionrecorder.core.config.RecorderConfig;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** Doctor's own S3 credentials stay out of recorder.json, doctor says which it tested, and --profile says what it pins. */
class DoctorCredentialsTest {
    @TempDir
    Path dir;

    @Test
    void doctorsProfileReplacesOnlyTheProbesCredentialsAndIsNamedBesideTheFleets() throws Exception {
        Path file = Files.writeString(dir.resolve("credentials"), "[image]\naws_access_key_id = a\naws_secret_access_key = b\n");
        DoctorCredentials doctor = parse(new DoctorCommand(), "--doctor-profile", "image", "--doctor-profile-file", file.toString()).credentials;
        RecorderConfig.S3 recorder = s3(Optional.empty(), Optional.empty());

        RecorderConfig.S3 probe = doctor.forProbe(recorder);

        assertThat(probe.profile()).contains("image");
        assertThat(probe.profileFile()).contains(file.toAbsolutePath());
        assertThat(probe.bucket()).isEqualTo(recorder.bucket());
        assertThat(doctor.statement(recorder)).isEqualTo("S3 checked with profile image from " + file.toAbsolutePath()
                + " (the recorder on the fleet will use: appstream_machine_role when present, else the default chain)");
    }

    @Test
    void withoutDoctorsFlagsTheRecordersPinnedProfileIsTestedAndSaidToBePinned() throws Exception {
        Path file = Files.writeString(dir.resolve("credentials"), "[image]\naws_access_key_id = a\naws_secret_access_key = b\n");
        DoctorCredentials doctor = parse(new DoctorCommand()).credentials;
        RecorderConfig.S3 recorder = s3(Optional.of("image"), Optional.of(file));

        assertThat(doctor.forProbe(recorder)).isSameAs(recorder);
        assertThat(doctor.statement(recorder)).isEqualTo("S3 checked with profile image from " + file + " (recorder.json's, as "
                + System.getProperty("user.name") + " resolves them) (the recorder on the fleet will use: profile image from " + file
                + ", pinned by s3.profile)");
    }

    @Test
    void aDoctorProfileFileAloneUsesItsDefaultProfile() throws Exception {
        Path file = Files.writeString(dir.resolve("config"), "[default]\nregion = us-east-1\n");
        DoctorCredentials doctor = parse(new DoctorCommand(), "--doctor-profile-file", file.toString()).credentials;

        assertThat(doctor.forProbe(s3(Optional.empty(), Optional.empty())).profile()).contains("default");
    }

    @Test
    void installWarnsInOneLineThatProfilePinsTheFleet() {
        Captured run = install("--profile", "image", "--from", dir.toString(), "--root", dir.resolve("root").toString());

        assertThat(run.exit()).isEqualTo(InstallerCli.BAD_INPUT); // dir is no distribution: the warning comes first anyway
        assertThat(run.err().lines().filter(l -> l.startsWith("Warning:")).toList()).containsExactly("Warning: --profile image pins the "
                + "fleet's credentials: the recorder on every instance made from this image will use profile image, not "
                + "appstream_machine_role (for doctor's own S3 check use --doctor-profile)");
    }

    @Test
    void aMissingDoctorProfileFileIsOneLineWithTheFixAndNothingIsInstalled() {
        Path missing = dir.resolve("nope");
        Captured run = install("--doctor-profile-file", missing.toString(), "--root", dir.resolve("root").toString());

        assertThat(run.exit()).isEqualTo(InstallerCli.BAD_INPUT);
        assertThat(run.err().strip()).isEqualTo("--doctor-profile-file " + missing + " does not exist or cannot be read. Fix: give the AWS "
                + "config or credentials file that holds the profile for doctor's S3 check; nothing installed");
        assertThat(dir.resolve("root")).doesNotExist();
    }

    private static RecorderConfig.S3 s3(Optional<String> profile, Optional<Path> file) {
        return new RecorderConfig.S3("recordings", "us-east-1", "recordings", Optional.empty(), false, profile, file);
    }

    private static <T> T parse(T command, String... args) {
        new CommandLine(command).parseArgs(args);
        return command;
    }

    record Captured(int exit, String err) {}

    private static Captured install(String... args) {
        PrintStream before = System.err;
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
        try {
            int exit = new CommandLine(new InstallCommand()).execute(args);
            return new Captured(exit, err.toString(StandardCharsets.UTF_8));
        } finally {
            System.setErr(before);
        }
    }
}
