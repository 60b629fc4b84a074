package dev.sessionrecorder.recordings.store;

/**
 * How far a session's recorded user is confirmed: the CHECK column of {@code recordings list}. Derived
 * from the identity fields session-start wrote into session.json; each constant's {@link #meaning()} is
 * what {@code list --help} prints, so the help cannot fall behind the values.
 */
public enum UserCheck {
    /**
     * The claimed AppStream user is not the Windows session user: the claim was edited, or the session is
     * not who AppStream thinks.
     */
    MISMATCH("MISMATCH", "claimed AppStream user differs from the Windows session user"),
    /** AppStream's DescribeSessions confirmed that the session belongs to the claimed user. */
    VERIFIED("verified", "AppStream DescribeSessions confirmed the claimed user"),
    /** DescribeSessions was asked, or could not be asked, and did not confirm; {@code show} gives the reason. */
    NOT_VERIFIED("not-verified", "AppStream was asked but did not confirm (show says why)"),
    /** The Windows account is the claimed user; nothing from AWS confirmed either. */
    MATCHES_CLAIM("matches-claim", "Windows account equals the claimed user; AWS did not confirm"),
    /** Non-domain-joined fleet: everyone is PhotonUser, so only the (unconfirmed) claim names the person. */
    GENERIC_USER("generic-user", "shared PhotonUser: only the unconfirmed claim names the user"),
    /** session-start found no usable AppStream user name (absent, unreadable or rejected). */
    NO_CLAIM("no-claim", "no usable AppStream user name; only the Windows user is known"),
    /** Recorded before these checks existed, or without session-start's identity. */
    UNCHECKED("unchecked", "no check recorded (older recorder, or started without hooks)");

    private final String label;
    private final String meaning;

    UserCheck(String label, String meaning) {
        this.label = label;
        this.meaning = meaning;
    }

    /** The word the table and the JSON print. */
    public String label() {
        return label;
    }

    /** One line for an auditor: what the value means. */
    public String meaning() {
        return meaning;
    }

    @Override
    public String toString() {
        return label;
    }
}
