package dev.sessionrecorder.installer;

import java.util.List;

/**
 * The PATH the SYSTEM hooks get, which is where their launchers find java when the install has no jre/.
 * That is the machine's PATH, not the PATH of whoever runs doctor: an administrator's own PATH (or a JDK
 * an IDE put first) says nothing about what a session-start hook will find.
 */
interface MachinePath {

    /** The folders in search order, or {@code problem}: one sentence saying why they cannot be known. */
    record Reading(List<String> folders, String problem) {
        static Reading of(String path, String separator) {
            List<String> folders = java.util.Arrays.stream(path.split(java.util.regex.Pattern.quote(separator)))
                    .map(f -> f.strip().replace("\"", "")) // cmd accepts quoted entries ("C:\Program Files\x")
                    .filter(f -> !f.isEmpty()).toList();
            return new Reading(folders, "");
        }

        static Reading unknown(String problem) {
            return new Reading(List.of(), problem);
        }
    }

    Reading read();

    /**
     * {@code override} (a hidden option, for tests) when given; else on Windows the machine environment's
     * Path from the registry, elsewhere this process's PATH.
     */
    static MachinePath forThisPlatform(String override) {
        if (override != null) {
            return () -> Reading.of(override, java.io.File.pathSeparator);
        }
        if (InstallerCli.WINDOWS) {
            return new RegistryMachinePath(new JnaMachineRegistry());
        }
        return () -> Reading.of(System.getenv().getOrDefault("PATH", ""), java.io.File.pathSeparator);
    }
}
