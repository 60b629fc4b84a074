package dev.sessionrecorder.hooks.linux;

import dev.sessionrecorder.core.display.Displays;
import dev.sessionrecorder.core.session.SessionMetadata.IdentityField;
import dev.sessionrecorder.hooks.Identity;
import dev.sessionrecorder.hooks.IdentitySource;
import dev.sessionrecorder.hooks.SessionLauncher;
import dev.sessionrecorder.hooks.SessionLocator;
import dev.sessionrecorder.hooks.UserSession;
import java.io.IOException;
import java.net.InetAddress;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The Linux side of the hooks, so the whole start-record-end cycle runs here: the session is the X
 * display in $DISPLAY, identity is the process owner, and the recorder is launched detached with setsid.
 */
public final class LinuxPlatform {
    private LinuxPlatform() {}

    /**
     * The X session in $DISPLAY, once its server answers; its id is the display number, so two
     * displays on one machine are two sessions, as two Windows sessions are on a multi-session fleet.
     */
    public static SessionLocator locator() {
        return new SessionLocator() {
            @Override
            public List<UserSession> activeSessions() {
                String display = System.getenv("DISPLAY");
                if (display == null || display.isBlank() || !answers(display)) {
                    return List.of();
                }
                return List.of(new UserSession(displayNumber(display), System.getProperty("user.name"), "", "x11:" + display));
            }

            @Override
            public boolean hasUser(int id) {
                return answers(":" + id);
            }

            @Override
            public Optional<Integer> sessionOfThisHook() {
                String display = System.getenv("DISPLAY");
                return display == null || display.isBlank() ? Optional.empty() : Optional.of(displayNumber(display));
            }
        };
    }

    static boolean answers(String display) {
        try (var topology = Displays.topology(display)) {
            topology.current();
            return true;
        } catch (Exception notThere) {
            return false;
        }
    }

    /** ":3", ":3.0" and "host:3" are display 3. */
    static int displayNumber(String display) {
        String n = display.substring(display.lastIndexOf(':') + 1);
        int dot = n.indexOf('.');
        try {
            return Integer.parseInt(dot < 0 ? n : n.substring(0, dot));
        } catch (NumberFormatException e) {
            return 0;
        }
    }

    /** Process owner and host name (trusted); any AppStream_* variables in the environment (claims). */
    public static IdentitySource identity() {
        return session -> {
            Map<String, IdentityField> out = new LinkedHashMap<>();
            out.put(Identity.SESSION_USER, new IdentityField(session.user(), session.source(), true));
            out.put(Identity.HOST, new IdentityField(hostName(), "hostname", true));
            for (String name : List.of(Identity.APPSTREAM_USER, Identity.APPSTREAM_SESSION_ID, Identity.APPSTREAM_STACK,
                    Identity.APPSTREAM_FLEET)) {
                String v = System.getenv(name);
                if (v != null && !v.isBlank()) {
                    // The same rules as for Windows' registry claims: an unusable value is recorded, never used.
                    out.put(name, dev.sessionrecorder.hooks.Claims.problem(name, v)
                            .map(why -> Identity.unusable("rejected: " + why, "environment (claimed); raw value \""
                                    + dev.sessionrecorder.hooks.Claims.preview(v) + "\""))
                            .orElseGet(() -> new IdentityField(v, "environment (claimed)", false)));
                }
            }
            return out;
        };
    }

    /** setsid -f: the recorder leaves the hook's process group, so the hook can exit while it records. */
    public static SessionLauncher launcher() {
        return (session, command, environment, log) -> {
            List<String> cmd = new ArrayList<>(List.of("setsid", "-f"));
            cmd.addAll(command);
            ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()))
                    .redirectInput(ProcessBuilder.Redirect.from(Path.of("/dev/null").toFile()));
            pb.environment().putAll(environment);
            try {
                Process p = pb.start();
                if (p.waitFor() != 0) {
                    throw new IOException("setsid exited with " + p.exitValue() + "; see " + log);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IOException("interrupted while launching the recorder", e);
            }
        };
    }

    static String hostName() {
        try {
            return InetAddress.getLocalHost().getHostName();
        } catch (IOException e) {
            return "unknown-host";
        }
    }
}
