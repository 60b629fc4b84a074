package dev.sessionrecorder.hooks;

import dev.sessionrecorder.core.session.SessionMetadata.IdentityField;
import java.util.LinkedHashMap;
import java.util.List;
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
    /** Present only when the comparison was made and failed; its value says what differed. */
    public static final String USER_MISMATCH = "userMismatch";
    /** Whether and how the session user was compared with AppStream_UserName: one of the USER_CHECK_* values. */
    public static final String USER_CHECK = "userCheck";

    /** userCheck: the Windows account is the claimed user (domain-joined fleets, or any named account). */
    public static final String USER_CHECK_MATCH = "compared: match";
    /** userCheck prefix: the Windows account is not the claimed user; {@value #USER_MISMATCH} is set too. */
    public static final String USER_CHECK_MISMATCH = "compared: MISMATCH";
    /**
     * userCheck: non-domain-joined fleets log every user on as the local generic account PhotonUser, so the
     * Windows account says nothing about who streams; only appstream:DescribeSessions can confirm the user.
     */
    public static final String USER_CHECK_GENERIC = "not applicable: generic local account PhotonUser";
    /** userCheck prefix: nothing to compare with: AppStream_UserName is absent, unreadable or rejected (the reason follows). */
    public static final String USER_CHECK_NO_CLAIM = "not compared: ";

    /** The account AppStream logs users on as where the fleet is not joined to a domain. */
    static final String GENERIC_ACCOUNT = "PhotonUser";
    /**
     * Value prefixes of a field that holds no usable value, only why: the registry said something other
     * than a string ("unreadable: REG_DWORD, not a string"), the value broke a {@link Claims} rule
     * ("rejected: ..."), or it was not there ("absent: ..."). Such fields are never trusted.
     */
    static final List<String> UNUSABLE = List.of("unreadable: ", "rejected: ", "absent: ");

    private Identity() {}

    /** A field that records why there is no usable value; {@code value} starts with one of {@link #UNUSABLE}. */
    public static IdentityField unusable(String value, String source) {
        if (UNUSABLE.stream().noneMatch(value::startsWith)) {
            throw new IllegalArgumentException("an unusable field's value starts with one of " + UNUSABLE + ": " + value);
        }
        return new IdentityField(value, source, false);
    }

    public static boolean usable(IdentityField field) {
        return field.trusted() || UNUSABLE.stream().noneMatch(field.value()::startsWith);
    }

    /**
     * Adds {@value #USER_CHECK}, and {@value #USER_MISMATCH} when the claimed AppStream user differs from
     * the session's real user: either the user edited the variable, or the session is not who AppStream
     * thinks. Both deserve an auditor's attention, so the flag is a trusted fact even though it compares
     * with a claim. On the generic PhotonUser account there is nothing to compare, and saying "mismatch"
     * there would flag every session of a non-domain-joined fleet.
     */
    public static Map<String, IdentityField> withChecks(Map<String, IdentityField> fields) {
        Map<String, IdentityField> out = new LinkedHashMap<>(fields);
        IdentityField real = fields.get(SESSION_USER);
        if (real == null) {
            return out;
        }
        IdentityField claimed = fields.get(APPSTREAM_USER);
        String check;
        if (isGenericAccount(real.value())) {
            check = USER_CHECK_GENERIC;
        } else if (claimed == null || !usable(claimed) || claimed.value().isBlank()) {
            check = USER_CHECK_NO_CLAIM + APPSTREAM_USER + " " + (claimed == null ? "absent" : claimed.value());
        } else if (sameUser(real.value(), claimed.value())) {
            check = USER_CHECK_MATCH;
        } else {
            String what = "AppStream_UserName \"" + claimed.value() + "\" differs from the session user \"" + real.value() + "\"";
            check = USER_CHECK_MISMATCH + " (" + what + ")";
            out.put(USER_MISMATCH, new IdentityField(what, "session-start", true));
        }
        out.put(USER_CHECK, new IdentityField(check, "session-start: " + SESSION_USER + " against " + APPSTREAM_USER, true));
        return out;
    }

    /** PhotonUser, with or without the machine's name in front ("EC2AMAZ-ABC\PhotonUser"). */
    static boolean isGenericAccount(String windowsUser) {
        String account = windowsUser.contains("\\") ? windowsUser.substring(windowsUser.lastIndexOf('\\') + 1) : windowsUser;
        return account.equalsIgnoreCase(GENERIC_ACCOUNT);
    }

    /** AppStream user names may carry a domain or differ in case from the Windows account name. */
    static boolean sameUser(String windows, String claimed) {
        String w = windows.contains("\\") ? windows.substring(windows.indexOf('\\') + 1) : windows;
        String c = claimed.contains("@") ? claimed.substring(0, claimed.indexOf('@')) : claimed;
        return w.equalsIgnoreCase(c) || windows.equalsIgnoreCase(claimed);
    }

    /** The field's value when there is a usable one: never the "unreadable: ..." account of a bad claim. */
    public static Optional<String> value(Map<String, IdentityField> fields, String name) {
        return Optional.ofNullable(fields.get(name)).filter(Identity::usable).map(IdentityField::value).filter(v -> !v.isBlank());
    }
}
