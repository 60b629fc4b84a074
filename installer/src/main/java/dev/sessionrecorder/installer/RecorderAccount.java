package dev.sessionrecorder.installer;

import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * The account the recorder runs as, seen the way the AWS SDK inside it sees it: its environment. Doctor runs as the
 * administrator, so its own environment says nothing about where the SYSTEM recorder will look for credentials; tests
 * hand in a made-up one.
 */
interface RecorderAccount {
    /** "SYSTEM" on Windows. */
    String name();

    /** The recorder's environment variables (on Windows: the machine's plus SYSTEM's own, as CreateEnvironmentBlock builds it). */
    Map<String, String> environment();

    /** Windows rules apply: variable names ignore case, and the SDK looks at USERPROFILE for the home folder. */
    boolean windows();

    default Optional<String> variable(String name) {
        Map<String, String> env = environment();
        if (windows()) {
            Map<String, String> folded = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
            folded.putAll(env);
            env = folded;
        }
        return Optional.ofNullable(env.get(name)).filter(v -> !v.isBlank());
    }

    record Fixed(String name, Map<String, String> environment, boolean windows) implements RecorderAccount {}

    /**
     * On Windows, SYSTEM as the hooks start the recorder; elsewhere (the evaluation build, whose hooks run as whoever
     * runs them) this process's own account.
     */
    static RecorderAccount forThisPlatform() {
        return InstallerCli.WINDOWS ? WindowsSystemAccount.read()
                : new Fixed(System.getProperty("user.name"), System.getenv(), false);
    }
}
