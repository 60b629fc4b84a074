package dev.sessionrecorder.hooks;

import dev.sessionrecorder.core.session.SessionMetadata.IdentityField;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/** Names of identity fields, and the cross-checks between trusted and claimed values. */
public final class Identity {
    /** The Windows (or X) session user: from the OS, trusted. */
    public static final String SESSION_USER = "sessionUser";
    public static final String HOST = "host";
    /** AppStream's own idea of the user, from user-level environment the user can edit: a claim. */
    public static final String APPSTREAM_USER = "AppStream_UserName";
    public static final String APPSTREAM_SESSION_ID = "AppStream_Session_ID";
    public static final String APPSTREAM_STACK = "AppStream_Stack_Name";
    public static final String APPSTREAM_FLEET = "AppStream_Resource_Name";
    public static final String USER_MISMATCH = "userMismatch";

    private Identity() {}

    /**
     * Adds {@value #USER_MISMATCH} when the claimed AppStream user differs from the session's real user:
     * either the user edited the variable, or the session is not who AppStream thinks. Both deserve an
     * auditor's attention, so the flag is a trusted fact even though it compares with a claim.
     */
    public static Map<String, IdentityField> withChecks(Map<String, IdentityField> fields) {
        Map<String, IdentityField> out = new LinkedHashMap<>(fields);
        IdentityField real = fields.get(SESSION_USER);
        IdentityField claimed = fields.get(APPSTREAM_USER);
        if (real != null && claimed != null && !sameUser(real.value(), claimed.value())) {
            out.put(USER_MISMATCH, new IdentityField("AppStream_UserName \"" + claimed.value()
                    + "\" differs from the session user \"" + real.value() + "\"", "session-start", true));
        }
        return out;
    }

    /** AppStream user names may carry a domain or differ in case from the Windows account name. */
    static boolean sameUser(String windows, String claimed) {
        String w = windows.contains("\\") ? windows.substring(windows.indexOf('\\') + 1) : windows;
        String c = claimed.contains("@") ? claimed.substring(0, claimed.indexOf('@')) : claimed;
        return w.equalsIgnoreCase(c) || windows.equalsIgnoreCase(claimed);
    }

    public static Optional<String> value(Map<String, IdentityField> fields, String name) {
        return Optional.ofNullable(fields.get(name)).map(IdentityField::value).filter(v -> !v.isBlank());
    }
}
