package dev.sessionrecorder.installer;

import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(name = "doctor", mixinStandardHelpOptions = true,
        description = {"Checks an installation as a session will use it: recorder.json, Java, FFmpeg's natives, folder locks, "
                + "S3 put/head/delete of a probe object with the configured credentials (and KMS key), and a 3-second capture "
                + "that must decode. Prints PASS/WARN/FAIL with the fix for each FAIL."},
        footer = {"", InstallerCli.EXIT_CODES})
final class DoctorCommand implements Callable<Integer> {
    @Option(names = "--root", paramLabel = "DIR", description = "Install folder (default: C:\\SessionRecording on Windows, /opt/session-recorder elsewhere).")
    Path root;

    @Override
    public Integer call() {
        Layout layout = new Layout(root != null ? root.toAbsolutePath() : Layout.defaultRoot());
        return new Doctor(layout).run(System.out) ? InstallerCli.OK : InstallerCli.DOCTOR_FAILED;
    }
}
