package dev.sessionrecorder.recordings.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.sessionrecorder.core.config.ConfigException;
import dev.sessionrecorder.core.config.ConfigLoader;
import dev.sessionrecorder.core.config.RecorderConfig;
import dev.sessionrecorder.core.spool.Json;
import java.io.IOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import picocli.CommandLine.Option;

/**
 * Where the recordings are and how to reach them: the {@code s3} section of a recorder.json, flags, or
 * both (flags win). Validated by the recorder's own rules, and the S3 client is built by the recorder's
 * own code, so the profile, credential_process and endpoint behave exactly as on the instances.
 */
final class StoreOptions {
    @Option(names = {"-c", "--config"}, paramLabel = "FILE",
            description = "A recorder.json whose \"s3\" section names the bucket (other sections are ignored).")
    Path config;

    @Option(names = "--bucket", paramLabel = "NAME", description = "Bucket holding the recordings.")
    String bucket;

    @Option(names = "--region", paramLabel = "CODE",
            description = "The bucket's region (default: from --config, else $AWS_REGION or $AWS_DEFAULT_REGION).")
    String region;

    @Option(names = "--prefix", paramLabel = "PREFIX", description = "Key prefix the recorder writes under (default: recordings).")
    String prefix;

    @Option(names = "--endpoint", paramLabel = "URL", description = "S3-compatible endpoint instead of AWS S3.")
    String endpoint;

    @Option(names = "--path-style", description = "Path-style requests (most S3-compatible stores need it).")
    Boolean pathStyle;

    @Option(names = "--profile", paramLabel = "NAME", description = "AWS profile (default: appstream_machine_role when the profile file has it, else the SDK's default chain).")
    String profile;

    @Option(names = "--profile-file", paramLabel = "FILE", description = "AWS shared config or credentials file holding --profile.")
    Path profileFile;

    /** Flag name of each s3 field, so an error names what the user actually typed. */
    private static final Map<String, String> FLAGS = Map.of("bucket", "--bucket", "region", "--region", "prefix", "--prefix",
            "endpoint", "--endpoint", "pathStyle", "--path-style", "profile", "--profile", "profileFile", "--profile-file");

    /** The validated S3 settings; {@code bucketOverride} comes from an s3:// session argument. */
    RecorderConfig.S3 resolve(Optional<String> bucketOverride) throws ConfigException {
        ConfigLoader loader = ConfigLoader.forThisPlatform();
        ObjectNode s3 = Json.mapper().createObjectNode();
        Path base = Path.of("").toAbsolutePath();
        if (config != null) {
            loader.loadS3(config); // the file's own errors first, named as in the file
            try {
                JsonNode fromFile = Json.mapper().readTree(config.toFile()).path("s3");
                s3.setAll((ObjectNode) fromFile);
            } catch (IOException e) {
                throw new ConfigException("", config + ": cannot be read (" + e.getMessage() + ")");
            }
            base = config.toAbsolutePath().getParent();
            // Writing options do not matter to a reader, and the reader's credentials may not have the KMS key.
            s3.remove(java.util.List.of("encryption", "kmsKeyId", "objectLock"));
        }
        Map<String, Object> flags = new LinkedHashMap<>();
        flags.put("bucket", bucketOverride.orElse(bucket));
        flags.put("region", region);
        flags.put("prefix", prefix);
        flags.put("endpoint", endpoint);
        flags.put("pathStyle", pathStyle);
        flags.put("profile", profile);
        flags.put("profileFile", profileFile == null ? null : profileFile.toAbsolutePath().toString());
        flags.forEach((k, v) -> {
            if (v != null) {
                s3.set(k, Json.mapper().valueToTree(v));
            }
        });
        if (!s3.has("region")) {
            envRegion().ifPresent(r -> s3.put("region", r));
        }
        if (!s3.has("bucket")) {
            throw new ConfigException("bucket", "no bucket given. Fix: pass --bucket NAME, or --config with a recorder.json");
        }
        if (!s3.has("region")) {
            throw new ConfigException("region", "no region given. Fix: pass --region CODE (e.g. us-east-1), set AWS_REGION, "
                    + "or pass --config with a recorder.json");
        }
        try {
            return loader.parseS3(config == null ? "command line" : "command line and " + config, s3, base);
        } catch (ConfigException e) {
            String field = e.field().startsWith("s3.") ? e.field().substring(3) : e.field();
            if (flags.get(field) != null) {
                throw new ConfigException(field, e.getMessage().replace("\"s3." + field + "\"", FLAGS.get(field)));
            }
            throw e;
        }
    }

    private static Optional<String> envRegion() {
        return Optional.ofNullable(System.getenv("AWS_REGION")).or(() -> Optional.ofNullable(System.getenv("AWS_DEFAULT_REGION")))
                .filter(r -> !r.isBlank());
    }
}
