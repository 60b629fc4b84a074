package dev.sessionrecorder.recordings.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** `recordings list --user`: which recorded name a query finds, and that a field holding no name never matches. */
class UserQueryTest {
    @TempDir
    Path dir;

    @ParameterizedTest(name = "--user {2} in {0} claiming {1} -> {3}")
    @CsvSource(nullValues = "-", delimiter = '|', value = {
            // A non-domain-joined fleet: everyone is PhotonUser, so only the claim finds a person.
            "EC2AMAZ-1\\PhotonUser|alice|alice|claimed AppStream user",
            "EC2AMAZ-1\\PhotonUser|alice|ALICE|claimed AppStream user",
            "EC2AMAZ-1\\PhotonUser|alice|photonuser|session user",
            "EC2AMAZ-1\\PhotonUser|-|alice|-",
            "EC2AMAZ-1\\PhotonUser|alice|alic|-",
            "EC2AMAZ-1\\PhotonUser|alice|alice2|-",
            // The trusted name wins when both name the user.
            "CORP\\alice|alice|alice|session user",
            "CORP\\alice|-|corp\\ALICE|session user",
            "CORP\\alice|-|corp|-",
            // A claim that differs from the session user still finds it (CHECK says MISMATCH).
            "CORP\\bob|alice|alice|claimed AppStream user",
            // E-mail style (SAML) names: by the whole value and by the part before @.
            "EC2AMAZ-1\\PhotonUser|alice@corp.example|alice|claimed AppStream user",
            "EC2AMAZ-1\\PhotonUser|alice@corp.example|Alice@Corp.Example|claimed AppStream user",
            "EC2AMAZ-1\\PhotonUser|alice@corp.example|corp.example|-",
            "EC2AMAZ-1\\PhotonUser|CORP\\alice|alice|claimed AppStream user",
            // Where session-start wrote why there is no name, there is no name to match.
            "EC2AMAZ-1\\PhotonUser|rejected: character U+202E at position 5|rejected: character U+202E at position 5|-",
            "EC2AMAZ-1\\PhotonUser|rejected: character U+202E at position 5|rejected|-",
            "EC2AMAZ-1\\PhotonUser|unreadable: REG_DWORD, not a string|unreadable: REG_DWORD, not a string|-",
            "EC2AMAZ-1\\PhotonUser|absent: no such key|absent: no such key|-"})
    void matches(String windowsUser, String claim, String wanted, String matchedBy) throws Exception {
        Session s = TestSessions.claiming(dir, windowsUser, claim);
        assertThat(new UserQuery(wanted).match(s).map(Object::toString).orElse(null)).isEqualTo(matchedBy);
    }

    @Test
    void anUnusableClaimIsNoClaim() throws Exception {
        assertThat(TestSessions.claiming(dir, "HOST\\PhotonUser", "rejected: 300 characters, at most 256").claimedUser()).isEmpty();
        assertThat(TestSessions.claiming(dir, "HOST\\PhotonUser", "  ").claimedUser()).isEmpty();
        assertThat(TestSessions.claiming(dir, "HOST\\PhotonUser", "alice").claimedUser()).hasValueSatisfying(f -> {
            assertThat(f.value()).isEqualTo("alice");
            assertThat(f.trusted()).isFalse();
        });
    }

    @Test
    void aClaimNamingTheSessionUserIsTheSameUser() {
        assertThat(UserQuery.sameUser("CORP\\alice", "alice")).isTrue();
        assertThat(UserQuery.sameUser("CORP\\alice", "alice@corp.example")).isTrue();
        assertThat(UserQuery.sameUser("CORP\\alice", "CORP\\ALICE")).isTrue();
        assertThat(UserQuery.sameUser("EC2AMAZ-1\\PhotonUser", "alice")).isFalse();
        assertThat(UserQuery.sameUser("CORP\\bob", "alice")).isFalse();
    }
}
