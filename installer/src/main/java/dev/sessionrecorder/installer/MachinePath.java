package dev.sessionrecorder.installer;

import java.util.List;

/**
 * The PATH the Linux launchers search for java when the install has no jre/ (the evaluation build). The Windows
 * hooks never search a PATH (see {@link JavaCheck}), so nothing reads one there.
 */
interface MachinePath {

    /** The folders in search order. */
    record Reading(List<String> folders) {
        static Reading of(String path, String separator) {
            List<String> folders = java.util.Arrays.stream(path.split(java.util.regex.Pattern.quote(separator)))
                    .map(String::strip).filter(f -> !f.isEmpty()).toList();
            return new Reading(folders);
        }
    }

    Reading read();

    /** {@code override} (a hidden option, for tests) when given; else this process's PATH. */
    static MachinePath forThisPlatform(String override) {
        String path = override != null ? override : System.getenv().getOrDefault("PATH", "");
        return () -> Reading.of(path, java.io.File.pathSeparator);
    }
}
