package dev.sessionrecorder.installer;

import dev.sessionrecorder.core.config.RecorderConfig;
import dev.sessionrecorder.core.upload.S3Clients;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import picocli.CommandLine.Option;
import software.amazon.awssdk.profiles.ProfileFileLocation;

/**
 * The credentials doctor's own S3 check uses on the image builder. Kept apart from s3.profile on purpose: whatever
 * recorder.json names is baked into the image and used on every fleet instance, where the builder's profile does not
 * exist; these flags never reach recorder.json.
 */
final class DoctorCredentials {
    @Option(names = "--doctor-profile", paramLabel = "NAME", description = "AWS profile for doctor's own S3 check on this "
            + "machine only; never written to recorder.json (default: the credentials recorder.json gives the recorder).")
    String profile;

    @Option(names = "--doctor-profile-file", paramLabel = "FILE", description = "AWS config or credentials file holding "
            + "--doctor-profile (default: this account's .aws files); alone, its [default] profile is used.")
    Path profileFile;

    /** A one-line cause and fix when the flags cannot work, before anything runs. */
    Optional<String> invalid() {
        if (profileFile != null && !Files.isReadable(profileFile)) {
            return Optional.of("--doctor-profile-file " + profileFile + " does not exist or cannot be read. Fix: give the AWS config "
                    + "or credentials file that holds the profile for doctor's S3 check");
        }
        return Optional.empty();
    }

    boolean given() {
        return profile != null || profileFile != null;
    }

    /** recorder.json's S3 settings with doctor's credentials in place of the recorder's, when doctor was given its own. */
    RecorderConfig.S3 forProbe(RecorderConfig.S3 s3) {
        if (!given()) {
            return s3;
        }
        return new RecorderConfig.S3(s3.bucket(), s3.region(), s3.prefix(), s3.endpoint(), s3.pathStyle(),
                Optional.of(profile != null ? profile : "default"), Optional.ofNullable(profileFile).map(Path::toAbsolutePath),
                s3.encryption(), s3.kmsKeyId(), s3.retention());
    }

    /**
     * "S3 checked with ... (the recorder on the fleet will use: ...)": which credentials this check proved, and that the
     * fleet's are a different matter.
     */
    String statement(RecorderConfig.S3 recorder) {
        RecorderConfig.S3 probe = forProbe(recorder);
        String tested = S3Clients.profile(probe).map(p -> "profile " + p + " from " + files(probe))
                .orElse("the SDK default chain of " + System.getProperty("user.name"));
        String source = given() ? "" : " (recorder.json's, as " + System.getProperty("user.name") + " resolves them)";
        return "S3 checked with " + tested + source + " (the recorder on the fleet will use: " + fleet(recorder) + ")";
    }

    /** What recorder.json tells the recorder to use, wherever it runs. */
    static String fleet(RecorderConfig.S3 s3) {
        String where = s3.profileFile().map(Path::toString).orElse("SYSTEM's profile files");
        if (s3.profile().isPresent()) {
            return "profile " + s3.profile().get() + " from " + where + ", pinned by s3.profile";
        }
        return S3Clients.APPSTREAM_PROFILE + (s3.profileFile().isPresent() ? " from " + where : "") + " when present, else the default chain";
    }

    private static String files(RecorderConfig.S3 s3) {
        return s3.profileFile().map(Path::toString)
                .orElse(ProfileFileLocation.configurationFilePath() + " and " + ProfileFileLocation.credentialsFilePath());
    }
}
