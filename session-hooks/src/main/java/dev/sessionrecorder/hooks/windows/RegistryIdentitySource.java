package dev.sessionrecorder.hooks.windows;

import dev.sessionrecorder.core.session.SessionMetadata.IdentityField;
import dev.sessionrecorder.hooks.Identity;
import dev.sessionrecorder.hooks.IdentitySource;
import dev.sessionrecorder.hooks.UserSession;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Identity on AppStream, each fact with where it came from. The Windows session user is the trusted
 * one; AppStream's machine variables (HKLM) are trusted; its user variables sit in the user's own
 * registry hive, which the user can edit, so they are recorded as claims (see {@link UserVariables}).
 * Never throws: an odd value is recorded as odd.
 */
final class RegistryIdentitySource implements IdentitySource {
    static final List<String> MACHINE = List.of("AppStream_Image_Arn", "AppStream_Instance_Type", "AppStream_Resource_Type",
            Identity.APPSTREAM_FLEET);
    static final List<String> USER = List.of(Identity.APPSTREAM_STACK, "AppStream_User_Access_Mode",
            "AppStream_Session_Reservation_DateTime", Identity.APPSTREAM_USER, Identity.APPSTREAM_SESSION_ID);
    static final String MACHINE_SOURCE = "HKLM environment";
    /**
     * How long to wait for AppStream_UserName or AppStream_Session_ID, which may be written after the
     * session turns Active; short against session-start's 60 s, since recording must not wait on it.
     */
    static final Duration PATIENCE = Duration.ofSeconds(10);
    static final Duration STEP = Duration.ofMillis(500);

    /** Thread.sleep, or a fake clock's advance in tests. */
    @FunctionalInterface
    interface Pause {
        void sleep(Duration d) throws InterruptedException;
    }

    private static final Logger log = LoggerFactory.getLogger(RegistryIdentitySource.class);
    private final Registry registry;
    private final ComputerName computer;
    private final Clock clock;
    private final Pause pause;

    RegistryIdentitySource(Registry registry, ComputerName computer, Clock clock, Pause pause) {
        this.registry = registry;
        this.computer = computer;
        this.clock = clock;
        this.pause = pause;
    }

    static RegistryIdentitySource real() {
        return new RegistryIdentitySource(new JnaRegistry(), new JnaComputerName(), Clock.systemUTC(), d -> Thread.sleep(d.toMillis()));
    }

    @Override
    public Map<String, IdentityField> collect(UserSession session) {
        Map<String, IdentityField> out = new LinkedHashMap<>();
        String account = session.domain().isEmpty() ? session.user() : session.domain() + "\\" + session.user();
        out.put(Identity.SESSION_USER, new IdentityField(account, "WTSQuerySessionInformation (session " + session.id() + ")", true));
        out.put(Identity.HOST, host());
        for (String name : MACHINE) {
            RegistryValue v = registry.machineEnvironment(name);
            if (v instanceof RegistryValue.Present p) {
                out.put(name, new IdentityField(p.value(), MACHINE_SOURCE, true));
            } else if (!(v instanceof RegistryValue.Absent)) {
                out.put(name, Identity.unusable("unreadable: " + RegistryValue.problem(v), MACHINE_SOURCE + ": " + name));
            }
        }
        RegistryValue sid = registry.sid(session.domain(), session.user());
        if (sid instanceof RegistryValue.Present s) {
            out.put("sessionUserSid", new IdentityField(s.value(), "LookupAccountName", true));
            UserVariables variables = new UserVariables(registry, s.value());
            waitForAppStream(variables).forEach((name, found) -> out.put(name, variables.field(name, found)));
        } else {
            out.put("sessionUserSid", Identity.unusable("unreadable: " + RegistryValue.problem(sid), "LookupAccountName(" + account + ")"));
        }
        return out;
    }

    private IdentityField host() {
        try {
            return new IdentityField(computer.dnsHostName(), "GetComputerNameEx", true);
        } catch (Win32Launch.Win32Exception e) {
            return Identity.unusable("unreadable: " + e.getMessage(), "GetComputerNameEx");
        }
    }

    /** Reads the user's variables, again every {@link #STEP} while both the user name and session id are missing. */
    private Map<String, UserVariables.Found> waitForAppStream(UserVariables variables) {
        Instant start = clock.instant();
        Map<String, UserVariables.Found> found = variables.read(USER);
        while (found.get(Identity.APPSTREAM_USER).absent() && found.get(Identity.APPSTREAM_SESSION_ID).absent()) {
            if (!clock.instant().isBefore(start.plus(PATIENCE))) {
                log.info("No AppStream_UserName or AppStream_Session_ID in the user's registry after {} s", PATIENCE.toSeconds());
                return found;
            }
            try {
                pause.sleep(STEP);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return found;
            }
            found = variables.read(USER);
        }
        Duration waited = Duration.between(start, clock.instant());
        if (!waited.isZero()) {
            log.info("AppStream's user variables appeared {} ms after the session was found", waited.toMillis());
        }
        return found;
    }
}
