package dev.sessionrecorder.recordings.store;

import dev.sessionrecorder.core.session.SessionMetadata;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * What {@code recordings list --user NAME} finds. On a fleet that is not joined to a domain every Windows
 * session user is {@code PhotonUser}, so a person can only be found by the AppStream user name that
 * session-start recorded as a claim; a match says which of the two it came from, because a claim is
 * something the user could have edited.
 */
public final class UserQuery {
    /** Which recorded name the query matched. */
    public enum MatchedBy {
        /** The Windows session user, from the OS: trusted. */
        SESSION_USER("session user"),
        /** Only the AppStream user name session-start read from the user's environment: a claim. */
        CLAIMED_APPSTREAM_USER("claimed AppStream user");

        private final String label;

        MatchedBy(String label) {
            this.label = label;
        }

        @Override
        public String toString() {
            return label;
        }
    }

    private final String wanted;

    /** @param wanted the name as the auditor typed it; matched case-insensitively */
    public UserQuery(String wanted) {
        this.wanted = wanted.strip();
    }

    /** Whom the query found in this session: the session user when it names them (trusted first), else the claim. */
    public Optional<MatchedBy> match(Session s) {
        Optional<SessionMetadata> m = s.metadata();
        if (m.isPresent() && names(windowsForms(m.get().user().value()))) {
            return Optional.of(MatchedBy.SESSION_USER);
        }
        if (s.claimedUser().map(c -> names(claimForms(c.value()))).orElse(false)) {
            return Optional.of(MatchedBy.CLAIMED_APPSTREAM_USER);
        }
        return Optional.empty();
    }

    /**
     * Whether a claim names the Windows session user anyway ({@code CORP\alice} and {@code alice@corp.example}),
     * so a listing need not repeat it.
     */
    public static boolean sameUser(String windowsUser, String claim) {
        List<String> claimed = claimForms(claim);
        return windowsForms(windowsUser).stream().anyMatch(w -> claimed.stream().anyMatch(w::equalsIgnoreCase));
    }

    private boolean names(List<String> forms) {
        return forms.stream().anyMatch(wanted::equalsIgnoreCase);
    }

    /** {@code DOMAIN\name} is also found as {@code name}: auditors know people by account name, not by domain. */
    static List<String> windowsForms(String user) {
        List<String> out = new ArrayList<>(List.of(user));
        int slash = user.lastIndexOf('\\');
        if (slash >= 0) {
            out.add(user.substring(slash + 1));
        }
        return out;
    }

    /**
     * A claim may be {@code DOMAIN\name} like a Windows user, or an e-mail style SAML name
     * ({@code alice@corp.example}), also found by the part before the {@code @}.
     */
    static List<String> claimForms(String claim) {
        List<String> out = windowsForms(claim);
        int at = claim.indexOf('@');
        if (at > 0) {
            out.add(claim.substring(0, at));
        }
        return out;
    }
}
