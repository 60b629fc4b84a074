package dev.sessionrecorder.installer;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

@Command(name = "doctor", mixinStandardHelpOptions = true,
        description = {"Checks an installation as a session will use it: recorder.json, Java, FFmpeg's natives, folder locks, "
                + "S3 put/head/delete of a probe object with the configured credentials or --doctor-profile (and KMS key), "
                + "the credentials the recorder will find as SYSTEM (profile files, appstream_machine_role, instance role), a 3-second capture "
                + "that must decode, and the hooks in AppStream's session scripts. Prints PASS/WARN/FAIL with the fix for each FAIL."},
        footer = {"", InstallerCli.EXIT_CODES})
final class DoctorCommand implements Callable<Integer> {
    @Mixin
    RootOption where = new RootOption();

    @Mixin
    DoctorCredentials credentials = new DoctorCredentials();

    @Override
    public Integer call() {
        if (credentials.invalid().isPresent()) {
            System.err.println(credentials.invalid().get());
            return InstallerCli.BAD_INPUT;
        }
        return new Doctor(where.layout(), where.sessionScripts(), where.machinePath(), credentials).run(System.out) ? InstallerCli.OK
                : InstallerCli.DOCTOR_FAILED;
    }
}
