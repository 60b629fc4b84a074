package dev.sessionrecorder.installer;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import software.amazon.awssdk.profiles.ProfileFile;

/**
 * The two files the AWS SDK reads for an account when recorder.json names no s3.profileFile, by the SDK's rules:
 * AWS_CONFIG_FILE and AWS_SHARED_CREDENTIALS_FILE from its environment, else .aws\config and .aws\credentials under its
 * home, which is HOME, else (Windows) USERPROFILE, else HOMEDRIVE+HOMEPATH. {@code configFrom}/{@code credentialsFrom}
 * name the variable each path came from.
 */
record SdkProfileFiles(Path config, String configFrom, Path credentials, String credentialsFrom) {
    private record Found(String path, String from) {}

    static SdkProfileFiles of(RecorderAccount account) {
        Found home = home(account);
        Found config = file(account, "AWS_CONFIG_FILE", home, "config");
        Found credentials = file(account, "AWS_SHARED_CREDENTIALS_FILE", home, "credentials");
        return new SdkProfileFiles(Path.of(config.path()), config.from(), Path.of(credentials.path()), credentials.from());
    }

    /** "C:\...\.aws\config (from USERPROFILE) and D:\creds (from AWS_SHARED_CREDENTIALS_FILE)". */
    String describe() {
        return config + " (from " + configFrom + ") and " + credentials + " (from " + credentialsFrom + ")";
    }

    /** Both files merged as the SDK merges them; a file that does not exist adds nothing. */
    ProfileFile read() throws IOException {
        ProfileFile.Aggregator all = ProfileFile.aggregator();
        if (Files.exists(config)) {
            all.addFile(ProfileFile.builder().content(Files.readString(config)).type(ProfileFile.Type.CONFIGURATION).build());
        }
        if (Files.exists(credentials)) {
            all.addFile(ProfileFile.builder().content(Files.readString(credentials)).type(ProfileFile.Type.CREDENTIALS).build());
        }
        return all.build();
    }

    private static Found file(RecorderAccount account, String variable, Found home, String name) {
        return account.variable(variable)
                .map(v -> new Found(expandTilde(v, home.path()), variable))
                .orElse(new Found(Path.of(home.path(), ".aws", name).toString(), home.from()));
    }

    /** The SDK expands a leading ~ in these variables to the same home. */
    private static String expandTilde(String value, String home) {
        return value.equals("~") || value.startsWith("~/") || value.startsWith("~\\") ? home + value.substring(1) : value;
    }

    private static Found home(RecorderAccount account) {
        Optional<Found> found = account.variable("HOME").map(h -> new Found(h, "HOME"));
        if (account.windows()) {
            found = found.or(() -> account.variable("USERPROFILE").map(h -> new Found(h, "USERPROFILE")))
                    .or(() -> account.variable("HOMEDRIVE").flatMap(d -> account.variable("HOMEPATH")
                            .map(p -> new Found(d + p, "HOMEDRIVE+HOMEPATH"))));
        }
        return found.orElse(new Found(System.getProperty("user.home"), "user.home"));
    }
}
