package dev.sessionrecorder.hooks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sessionrecorder.core.session.SessionMetadata.IdentityField;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The user check and the rules for claims, independent of where the values were read. */
class IdentityTest {
    static Map<String, IdentityField> fields(String sessionUser, String claimedUser) {
        return Map.of(Identity.SESSION_USER, new IdentityField(sessionUser, "WTSQuerySessionInformation (session 3)", true),
                Identity.APPSTREAM_USER, new IdentityField(claimedUser, "HKU\\S-1\\Environment (user-editable: a claim)", false));
    }

    @Test
    void aDomainAccountMatchingTheClaimIsRecordedAsCompared() {
        Map<String, IdentityField> id = Identity.withChecks(fields("CORP\\alice", "Alice@corp.example"));
        assertThat(id.get(Identity.USER_CHECK)).isEqualTo(new IdentityField("compared: match",
                "session-start: sessionUser against AppStream_UserName", true));
        assertThat(id).doesNotContainKey(Identity.USER_MISMATCH);
    }

    @Test
    void aDomainAccountDifferingFromTheClaimIsAMismatch() {
        Map<String, IdentityField> id = Identity.withChecks(fields("CORP\\alice", "bob"));
        assertThat(id.get(Identity.USER_MISMATCH)).isEqualTo(new IdentityField(
                "AppStream_UserName \"bob\" differs from the session user \"CORP\\alice\"", "session-start", true));
        assertThat(id.get(Identity.USER_CHECK).value())
                .isEqualTo("compared: MISMATCH (AppStream_UserName \"bob\" differs from the session user \"CORP\\alice\")");
    }

    @ParameterizedTest
    @CsvSource({"EC2AMAZ-ABC1234\\PhotonUser", "photonuser", "EC2AMAZ-ABC1234\\PHOTONUSER"})
    void theGenericPhotonUserIsNeverComparedSoNonDomainFleetsAreNotAllFlagged(String windowsUser) {
        Map<String, IdentityField> id = Identity.withChecks(fields(windowsUser, "alice@corp.example"));
        assertThat(id.get(Identity.USER_CHECK).value()).isEqualTo(Identity.USER_CHECK_GENERIC);
        assertThat(id).doesNotContainKey(Identity.USER_MISMATCH);
    }

    @Test
    void noUsableClaimMeansNotCompared() {
        assertThat(Identity.withChecks(Map.of(Identity.SESSION_USER, new IdentityField("CORP\\alice", "wts", true)))
                .get(Identity.USER_CHECK).value()).isEqualTo("not compared: AppStream_UserName absent");
        Map<String, IdentityField> unreadable = Map.of(Identity.SESSION_USER, new IdentityField("CORP\\alice", "wts", true),
                Identity.APPSTREAM_USER, Identity.unusable("unreadable: REG_DWORD, not a string", "HKU\\S-1\\Environment"));
        Map<String, IdentityField> id = Identity.withChecks(unreadable);
        assertThat(id.get(Identity.USER_CHECK).value()).isEqualTo("not compared: AppStream_UserName unreadable: REG_DWORD, not a string");
        assertThat(id).doesNotContainKey(Identity.USER_MISMATCH);
    }

    @Test
    void valueNeverHandsOutTheAccountOfAnUnusableField() {
        Map<String, IdentityField> id = Map.of(Identity.APPSTREAM_SESSION_ID, Identity.unusable("rejected: a Windows device name", "HKU"),
                Identity.APPSTREAM_STACK, new IdentityField("stack", "HKU", false));
        assertThat(Identity.value(id, Identity.APPSTREAM_SESSION_ID)).isEmpty();
        assertThat(Identity.value(id, Identity.APPSTREAM_STACK)).contains("stack");
        assertThatThrownBy(() -> Identity.unusable("REG_DWORD", "HKU")).isInstanceOf(IllegalArgumentException.class);
    }

    @ParameterizedTest(name = "{0} = \"{1}\"")
    @CsvSource(delimiter = '|', value = {
            "AppStream_Session_ID|..\\..\\x|not a session id (1-128 letters, digits, '.', '_' or '-', starting with a letter or digit)",
            "AppStream_Session_ID|a/b|not a session id (1-128 letters, digits, '.', '_' or '-', starting with a letter or digit)",
            "AppStream_Session_ID|abc.|ends with '.', which Windows drops from file names",
            "AppStream_Session_ID|nul|a Windows device name",
            "AppStream_Session_ID|COM1.json|a Windows device name",
            "AppStream_Stack_Name|--config=C:\\evil.json|starts with '-', which the recorder's command line would read as an option",
            "AppStream_UserName|'   '|empty",
            "AppStream_UserName|alice\u202Egnp.exe|character U+202E at position 5",
            "AppStream_UserName|bad\uFFFD|character U+FFFD at position 3"})
    void claimsThatWouldBreakAFileNameACommandLineOrALogAreRejected(String name, String value, String why) {
        assertThat(Claims.problem(name, value)).contains(why);
    }

    @ParameterizedTest
    @CsvSource({"AppStream_Session_ID,0f1e2d3c-aaaa-bbbb-cccc-1234567890ab", "AppStream_UserName,alice@corp.example",
            "AppStream_UserName,CORP\\alice", "AppStream_Stack_Name,bastion-stack", "AppStream_Session_ID,console.1"})
    void ordinaryClaimsPass(String name, String value) {
        assertThat(Claims.problem(name, value)).isEmpty();
    }
}
