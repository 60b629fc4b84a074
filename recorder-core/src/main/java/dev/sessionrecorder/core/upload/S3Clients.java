package dev.sessionrecorder.core.upload;

import dev.sessionrecorder.core.config.RecorderConfig;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.auth.credentials.ProfileCredentialsProvider;
import software.amazon.awssdk.core.checksums.RequestChecksumCalculation;
import software.amazon.awssdk.core.checksums.ResponseChecksumValidation;
import software.amazon.awssdk.core.retry.RetryMode;
import software.amazon.awssdk.http.apache.ApacheHttpClient;
import software.amazon.awssdk.profiles.ProfileFile;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.S3Configuration;

/** Builds the S3 client from config: endpoint, path style, and the credentials chain AppStream needs. */
public final class S3Clients {
    /** The named profile AppStream fleets expose for the fleet's IAM role (a credential_process profile). */
    public static final String APPSTREAM_PROFILE = "appstream_machine_role";
    private static final Logger log = LoggerFactory.getLogger(S3Clients.class);

    private S3Clients() {}

    public static S3Client create(RecorderConfig.S3 cfg) {
        var b = S3Client.builder()
                .region(Region.of(cfg.region()))
                .credentialsProvider(credentials(cfg))
                .httpClientBuilder(ApacheHttpClient.builder())
                .overrideConfiguration(o -> o.retryStrategy(RetryMode.STANDARD))
                // We compute every SHA-256 ourselves and send it as x-amz-checksum-sha256, so the SDK need
                // not add its own CRC in a chunked trailer (which S3-compatible stores often reject).
                .requestChecksumCalculation(RequestChecksumCalculation.WHEN_REQUIRED)
                .responseChecksumValidation(ResponseChecksumValidation.WHEN_REQUIRED)
                .serviceConfiguration(S3Configuration.builder().pathStyleAccessEnabled(cfg.pathStyle()).build());
        cfg.endpoint().ifPresent(b::endpointOverride);
        return b.build();
    }

    /**
     * The configured profile; else {@value #APPSTREAM_PROFILE} when the profile file has it; else the SDK's
     * default chain (environment, EC2 instance profile, ...). Profile providers re-read credential_process
     * output before it expires, so long sessions keep uploading.
     */
    public static AwsCredentialsProvider credentials(RecorderConfig.S3 cfg) {
        ProfileFile file = profileFileOf(cfg);
        Optional<String> profile = profileIn(cfg, file);
        if (profile.isEmpty()) {
            log.info("Credentials: SDK default chain (no profile configured, no {} profile found)", APPSTREAM_PROFILE);
            return DefaultCredentialsProvider.builder().build();
        }
        log.info("Credentials: profile {}", profile.get());
        return ProfileCredentialsProvider.builder().profileFile(file).profileName(profile.get()).build();
    }

    /**
     * The profile {@link #credentials} picks for this config as this process's account sees the profile files; empty
     * for the default chain. Doctor uses it to say which credentials its S3 check ran with.
     */
    public static Optional<String> profile(RecorderConfig.S3 cfg) {
        return profileIn(cfg, profileFileOf(cfg));
    }

    private static Optional<String> profileIn(RecorderConfig.S3 cfg, ProfileFile file) {
        if (cfg.profile().isPresent()) {
            return cfg.profile();
        }
        return file.profile(APPSTREAM_PROFILE).isPresent() ? Optional.of(APPSTREAM_PROFILE) : Optional.empty();
    }

    private static ProfileFile profileFileOf(RecorderConfig.S3 cfg) {
        return cfg.profileFile().map(S3Clients::profileFile).orElseGet(ProfileFile::defaultProfileFile);
    }

    /**
     * s3.profileFile as the recorder reads it; public so doctor reads it the same way when it checks what the recorder
     * will find there.
     */
    public static ProfileFile profileFile(Path path) {
        // A file with [profile x] headers is a config file; one with bare [x] headers a credentials file.
        ProfileFile.Type type = ProfileFile.Type.CREDENTIALS;
        try {
            if (Files.readAllLines(path).stream().anyMatch(l -> l.strip().startsWith("[profile "))) {
                type = ProfileFile.Type.CONFIGURATION;
            }
        } catch (java.io.IOException e) {
            throw new IllegalStateException("cannot read profile file " + path + ": " + e.getMessage(), e);
        }
        return ProfileFile.builder().content(path).type(type).build();
    }
}
