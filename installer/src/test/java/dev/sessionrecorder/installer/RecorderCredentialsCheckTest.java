package dev.sessionrecorder.installer;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sessionrecorder.core.config.RecorderConfig;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The check of what the recorder will find as SYSTEM, fed a made-up SYSTEM: a fake systemprofile folder as its
 * USERPROFILE, machine-level variables as an environment map, and an instance role that answers as told.
 */
class RecorderCredentialsCheckTest {
    private static final String APPSTREAM_CREDENTIALS = "[appstream_machine_role]\ncredential_process = C:\\AppStream\\creds.exe\n";
    private static final InstanceRole NO_IMDS = a -> new InstanceRole.Unreachable(Imds.DEFAULT_ENDPOINT, "HttpConnectTimeoutException");

    @TempDir
    Path dir;

    @Test
    void aProfilePinnedInRecorderJsonThatSystemsFileLacksFailsNamingTheFix() throws Exception {
        Path profile = systemProfile();
        Files.writeString(profile.resolve(".aws/credentials"), APPSTREAM_CREDENTIALS);

        List<Doctor.Check> checks = check(system(Map.of("USERPROFILE", profile.toString())), NO_IMDS, s3(Optional.of("image")));

        Doctor.Check creds = checks.get(0);
        assertThat(creds.name()).isEqualTo("creds as SYSTEM");
        assertThat(creds.status()).isEqualTo(Doctor.Status.FAIL);
        assertThat(creds.detail()).isEqualTo("recorder.json pins s3.profile image, which SYSTEM's " + profile.resolve(".aws/config")
                + " (from USERPROFILE) and " + profile.resolve(".aws/credentials") + " (from USERPROFILE) lacks: the recorder as SYSTEM "
                + "would fail every upload");
        assertThat(creds.fix()).isEqualTo("run install again without --profile (doctor's own S3 check takes --doctor-profile), or add "
                + "the profile to that file, or set s3.profileFile to a file that has it");
        // A pinned profile means the default chain is never reached: no instance role is needed.
        assertThat(checks.get(1).status()).isEqualTo(Doctor.Status.PASS);
        assertThat(checks.get(1).detail()).endsWith("not needed, the recorder uses a profile");
    }

    @Test
    void aPinnedProfileSystemsFileHasPassesAndSaysItWinsOverTheAppStreamRole() throws Exception {
        Path profile = systemProfile();
        Files.writeString(profile.resolve(".aws/config"), "[profile image]\ncredential_process = x\n");

        Doctor.Check creds = check(system(Map.of("USERPROFILE", profile.toString())), NO_IMDS, s3(Optional.of("image"))).get(0);

        assertThat(creds.status()).isEqualTo(Doctor.Status.PASS);
        assertThat(creds.detail()).startsWith("recorder.json pins s3.profile image, found in SYSTEM's " + profile.resolve(".aws/config"))
                .endsWith("every instance made from this image will use it, not appstream_machine_role");
    }

    @Test
    void noAppStreamRoleOnTheBuilderWarnsSayingWhatIsUnproven() throws Exception {
        Path profile = systemProfile(); // as on an image builder launched without a role: no .aws files at all

        List<Doctor.Check> checks = check(system(Map.of("USERPROFILE", profile.toString())), NO_IMDS, s3(Optional.empty()));

        Doctor.Check creds = checks.get(0);
        assertThat(creds.status()).isEqualTo(Doctor.Status.WARN);
        assertThat(creds.detail()).startsWith("appstream_machine_role is not in SYSTEM's " + profile.resolve(".aws/config"))
                .contains("AppStream creates it only on instances it applied an IAM role to (fleet instances, and image builders "
                        + "launched with a role), so that the recorder as SYSTEM finds it on the fleet is unproven here")
                .endsWith("without it the recorder uses the SDK default chain");
        assertThat(creds.fix()).isEqualTo("none on the builder; on a fleet instance the recorder log says 'Credentials: profile "
                + "appstream_machine_role'");
        // The default chain is what is left here, so its missing instance role is a WARN too, never a FAIL.
        assertThat(checks.get(1).status()).isEqualTo(Doctor.Status.WARN);
        assertThat(checks.get(1).detail()).isEqualTo("no IMDSv2 answer from http://169.254.169.254 within 1 s "
                + "(HttpConnectTimeoutException): no instance role here");
    }

    @Test
    void aSharedCredentialsFileSetAtMachineLevelIsTheOneRead() throws Exception {
        Path profile = systemProfile();
        Files.writeString(profile.resolve(".aws/credentials"), "[other]\naws_access_key_id = a\naws_secret_access_key = b\n");
        Path machineWide = Files.writeString(dir.resolve("machine-credentials"), APPSTREAM_CREDENTIALS);
        // Windows variable names ignore case; the registry keeps whatever case they were set in.
        RecorderAccount system = system(Map.of("USERPROFILE", profile.toString(), "aws_shared_credentials_file", machineWide.toString()));

        Doctor.Check creds = check(system, NO_IMDS, s3(Optional.empty())).get(0);

        assertThat(creds.status()).isEqualTo(Doctor.Status.PASS);
        assertThat(creds.detail()).isEqualTo("appstream_machine_role is in SYSTEM's " + profile.resolve(".aws/config") + " (from "
                + "USERPROFILE) and " + machineWide + " (from AWS_SHARED_CREDENTIALS_FILE): the recorder as SYSTEM will use it (with "
                + "the role AppStream applied to this instance; the fleet's may differ)");
    }

    @Test
    void homeWinsOverUserProfileAsInTheSdk() throws Exception {
        Path home = Files.createDirectories(dir.resolve("home"));
        RecorderAccount system = system(Map.of("USERPROFILE", systemProfile().toString(), "HOME", home.toString()));

        assertThat(SdkProfileFiles.of(system).credentials()).isEqualTo(home.resolve(".aws").resolve("credentials"));
        assertThat(SdkProfileFiles.of(system).credentialsFrom()).isEqualTo("HOME");
    }

    @Test
    void imdsDisabledForSystemIsSaidAndNeverAsked() throws Exception {
        RecorderAccount system = system(Map.of("USERPROFILE", systemProfile().toString(), "AWS_EC2_METADATA_DISABLED", "TRUE"));

        assertThat(new Imds().read(system)).isEqualTo(new InstanceRole.Disabled());
        Doctor.Check role = check(system, new Imds(), s3(Optional.empty())).get(1);
        assertThat(role.status()).isEqualTo(Doctor.Status.WARN);
        assertThat(role.detail()).isEqualTo("AWS_EC2_METADATA_DISABLED=true in SYSTEM's environment: the recorder never asks for an "
                + "instance role");
        assertThat(role.fix()).startsWith("none if the fleet gets appstream_machine_role");
    }

    @Test
    void anInstanceRolePasses() throws Exception {
        InstanceRole role = a -> new InstanceRole.Role("fleet-recorder", URI.create("http://169.254.169.254"));

        Doctor.Check check = check(system(Map.of("USERPROFILE", systemProfile().toString())), role, s3(Optional.empty())).get(1);

        assertThat(check.status()).isEqualTo(Doctor.Status.PASS);
        assertThat(check.detail()).isEqualTo("instance role fleet-recorder answers through IMDSv2 at http://169.254.169.254; the "
                + "default chain can use it");
    }

    private Path systemProfile() throws Exception {
        return Files.createDirectories(dir.resolve("Windows/System32/config/systemprofile/.aws")).getParent();
    }

    private static RecorderAccount system(Map<String, String> env) {
        return new RecorderAccount.Fixed("SYSTEM", env, true);
    }

    private static List<Doctor.Check> check(RecorderAccount account, InstanceRole role, RecorderConfig.S3 s3) {
        return new RecorderCredentialsCheck(account, role).run(s3);
    }

    private static RecorderConfig.S3 s3(Optional<String> profile) {
        return new RecorderConfig.S3("recordings", "us-east-1", "recordings", Optional.empty(), false, profile, Optional.empty());
    }
}
