package dev.sessionrecorder.hooks.windows;

import dev.sessionrecorder.core.session.SessionMetadata.IdentityField;
import dev.sessionrecorder.hooks.Identity;
import dev.sessionrecorder.hooks.IdentitySource;
import dev.sessionrecorder.hooks.UserSession;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Identity on AppStream, each fact with where it came from. The Windows session user is the trusted
 * one; AppStream's machine variables (HKLM) are trusted; its user variables sit in the user's own
 * registry hive, which the user can edit, so they are recorded as claims.
 */
final class RegistryIdentitySource implements IdentitySource {
    static final List<String> MACHINE = List.of("AppStream_Image_Arn", "AppStream_Instance_Type", "AppStream_Resource_Type",
            Identity.APPSTREAM_FLEET);
    static final List<String> USER = List.of(Identity.APPSTREAM_STACK, "AppStream_User_Access_Mode",
            "AppStream_Session_Reservation_DateTime", Identity.APPSTREAM_USER, Identity.APPSTREAM_SESSION_ID);

    private final Registry registry;

    RegistryIdentitySource(Registry registry) {
        this.registry = registry;
    }

    @Override
    public Map<String, IdentityField> collect(UserSession session) {
        Map<String, IdentityField> out = new LinkedHashMap<>();
        String account = session.domain().isEmpty() ? session.user() : session.domain() + "\\" + session.user();
        out.put(Identity.SESSION_USER, new IdentityField(account, "WTSQuerySessionInformation (session " + session.id() + ")", true));
        registry.machineEnvironment("COMPUTERNAME").ifPresent(h -> out.put(Identity.HOST, new IdentityField(h, "HKLM environment", true)));
        for (String name : MACHINE) {
            registry.machineEnvironment(name).ifPresent(v -> out.put(name, new IdentityField(v, "HKLM environment", true)));
        }
        Optional<String> sid = registry.sid(session.domain(), session.user());
        sid.ifPresent(s -> out.put("sessionUserSid", new IdentityField(s, "LookupAccountName", true)));
        for (String name : USER) {
            sid.flatMap(s -> registry.userEnvironment(s, name)).ifPresent(v -> out.put(name,
                    new IdentityField(v, "HKU\\" + sid.get() + "\\Environment (user-editable: a claim)", false)));
        }
        return out;
    }
}
