package dev.sessionrecorder.installer;

import dev.sessionrecorder.core.config.RecorderConfig;
import java.util.List;

/** Test access to doctor's S3 probe (package-private in the installer), for tests outside that module. */
public final class DoctorS3Checks {
    private DoctorS3Checks() {}

    /** Runs the probe doctor runs; one line per check: status, name, detail. */
    public static List<String> run(RecorderConfig.S3 s3) {
        return new S3Probe(s3, new DoctorCredentials()).run().stream().map(c -> c.status() + " " + c.name() + ": " + c.detail()).toList();
    }
}
