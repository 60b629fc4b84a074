package dev.sessionrecorder.hooks.windows;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sessionrecorder.core.session.SessionMetadata.IdentityField;
import dev.sessionrecorder.hooks.Identity;
import dev.sessionrecorder.hooks.UserSession;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Identity from a registry that answers as Windows does, including what a user can plant in their own
 * hive: wrong types, huge values, control characters, path separators. Nothing here may throw.
 */
class RegistryIdentitySourceTest {
    static final UserSession ALICE = new UserSession(3, "alice", "CORP", "windows-session");
    static final String ENV = "HKU\\" + FakeRegistry.SID + "\\Environment";
    static final String SESSION = "0f1e2d3c-aaaa-bbbb-cccc-1234567890ab";

    /** A clock that only moves when the source pauses; each pause may change the registry, as Windows would meanwhile. */
    static final class FakeTime extends Clock {
        Instant now = Instant.parse("2026-11-25T10:00:00Z");
        final List<Duration> pauses = new ArrayList<>();
        Runnable onPause = () -> {};

        void pause(Duration d) {
            pauses.add(d);
            now = now.plus(d);
            onPause.run();
        }

        @Override
        public Instant instant() {
            return now;
        }

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }
    }

    final FakeTime time = new FakeTime();

    static FakeRegistry appStream(String claimedUser) {
        return new FakeRegistry().machine("AppStream_Resource_Name", "bastion-fleet")
                .machine("AppStream_Image_Arn", "arn:aws:appstream:us-east-1:123:image/base")
                .user("AppStream_UserName", claimedUser)
                .user("AppStream_Stack_Name", "bastion-stack")
                .user("AppStream_Session_ID", SESSION);
    }

    Map<String, IdentityField> collect(Registry registry) {
        return collect(registry, () -> "EC2AMAZ-ABC1234");
    }

    Map<String, IdentityField> collect(Registry registry, ComputerName host) {
        return Identity.withChecks(new RegistryIdentitySource(registry, host, time, time::pause).collect(ALICE));
    }

    @Test
    void identityCarriesItsSourceAndUserLevelValuesAreClaims() {
        Map<String, IdentityField> id = collect(appStream("alice"));
        assertThat(id.get(Identity.SESSION_USER)).isEqualTo(new IdentityField("CORP\\alice", "WTSQuerySessionInformation (session 3)", true));
        assertThat(id.get(Identity.HOST)).isEqualTo(new IdentityField("EC2AMAZ-ABC1234", "GetComputerNameEx", true));
        assertThat(id.get(Identity.APPSTREAM_FLEET)).isEqualTo(new IdentityField("bastion-fleet", "HKLM environment", true));
        assertThat(id.get(Identity.APPSTREAM_STACK))
                .isEqualTo(new IdentityField("bastion-stack", ENV + " (user-editable: a claim)", false));
        assertThat(Identity.value(id, Identity.APPSTREAM_SESSION_ID)).contains(SESSION);
        assertThat(id.get(Identity.USER_CHECK).value()).isEqualTo(Identity.USER_CHECK_MATCH);
        assertThat(id).doesNotContainKey(Identity.USER_MISMATCH);
        assertThat(time.pauses).as("nothing to wait for").isEmpty();
    }

    @Test
    void aDwordSessionIdIsRecordedAsUnreadableAndNeverUsed() {
        // Persistent profiles keep HKU\<SID>\Environment between sessions: a user can leave a REG_DWORD there.
        FakeRegistry r = appStream("alice").user(Registry.ENVIRONMENT, "AppStream_Session_ID", FakeRegistry.dword(7));
        Map<String, IdentityField> id = collect(r);
        assertThat(id.get(Identity.APPSTREAM_SESSION_ID)).isEqualTo(new IdentityField("unreadable: REG_DWORD, not a string",
                ENV + "\\AppStream_Session_ID (user-editable: a claim)", false));
        assertThat(Identity.value(id, Identity.APPSTREAM_SESSION_ID)).isEmpty();
        assertThat(Identity.value(id, Identity.APPSTREAM_USER)).contains("alice");
    }

    @Test
    void aKeyThatDeniesAccessIsRecordedWithTheError() {
        FakeRegistry r = appStream("alice");
        r.deniedKeys.add(ENV);
        r.deniedKeys.add("HKU\\" + FakeRegistry.SID + "\\Volatile Environment");
        Map<String, IdentityField> id = collect(r);
        assertThat(id.get(Identity.APPSTREAM_USER).value()).isEqualTo("unreadable: Windows error 5 (access denied)");
        assertThat(id.get(Identity.USER_CHECK).value()).isEqualTo("not compared: AppStream_UserName unreadable: Windows error 5 (access denied)");
        assertThat(time.pauses).as("an error is not a missing value: no waiting").isEmpty();
    }

    @Test
    void aHugeValueIsUnreadableAndALongOneRejected() {
        FakeRegistry r = appStream("a".repeat(300)).user("AppStream_Stack_Name", "x".repeat(100 * 1024));
        Map<String, IdentityField> id = collect(r);
        assertThat(id.get(Identity.APPSTREAM_STACK).value())
                .isEqualTo("unreadable: larger than 16384 bytes, Windows error 234 (more data than the buffer holds)");
        assertThat(id.get(Identity.APPSTREAM_USER).value()).isEqualTo("rejected: 300 characters, at most 256");
        assertThat(id.get(Identity.APPSTREAM_USER).source()).contains("raw value \"" + "a".repeat(64) + "...\"");
        assertThat(Identity.value(id, Identity.APPSTREAM_STACK)).isEmpty();
    }

    @Test
    void controlCharactersAndPathSeparatorsInClaimsAreRejectedAndShownEscaped() {
        FakeRegistry r = appStream("alice\nWARNING: all fine").user("AppStream_Session_ID", "..\\..\\Windows\\evil");
        Map<String, IdentityField> id = collect(r);
        assertThat(id.get(Identity.APPSTREAM_USER).value()).isEqualTo("rejected: character U+000A at position 5");
        assertThat(id.get(Identity.APPSTREAM_USER).source()).contains("raw value \"alice\\u000AWARNING: all fine\"");
        assertThat(id.get(Identity.APPSTREAM_SESSION_ID).value()).startsWith("rejected: not a session id");
        assertThat(Identity.value(id, Identity.APPSTREAM_SESSION_ID)).isEmpty();
    }

    @Test
    void valuesOnlyInVolatileEnvironmentAreFoundAndSaySo() {
        FakeRegistry r = new FakeRegistry().user(Registry.VOLATILE_ENVIRONMENT, "AppStream_UserName", FakeRegistry.sz("alice"))
                .user(Registry.VOLATILE_ENVIRONMENT, "AppStream_Session_ID", FakeRegistry.sz(SESSION));
        Map<String, IdentityField> id = collect(r);
        assertThat(id.get(Identity.APPSTREAM_USER).source()).isEqualTo("HKU\\" + FakeRegistry.SID + "\\Volatile Environment (user-editable: a claim)");
        assertThat(Identity.value(id, Identity.APPSTREAM_SESSION_ID)).contains(SESSION);
        assertThat(id.get(Identity.APPSTREAM_STACK).value()).isEqualTo("absent: no such key (the user's registry hive is not loaded, "
                + "or the key was never written)");
    }

    @Test
    void environmentWinsOverVolatileEnvironment() {
        FakeRegistry r = appStream("alice").user(Registry.VOLATILE_ENVIRONMENT, "AppStream_UserName", FakeRegistry.sz("mallory"));
        assertThat(Identity.value(collect(r), Identity.APPSTREAM_USER)).contains("alice");
    }

    @Test
    void variablesWrittenAfterTheSessionTurnsActiveAreWaitedForInSmallSteps() {
        FakeRegistry r = appStream("alice");
        r.loadedHives.clear(); // HKU\<SID> appears when the profile loads
        time.onPause = () -> {
            if (time.pauses.size() == 3) {
                r.loadedHives.add(FakeRegistry.SID);
            }
        };
        Map<String, IdentityField> id = collect(r);
        assertThat(time.pauses).containsOnly(RegistryIdentitySource.STEP).hasSize(3);
        assertThat(Identity.value(id, Identity.APPSTREAM_USER)).contains("alice");
    }

    @Test
    void waitingIsBoundedAndAbsenceIsRecorded() {
        FakeRegistry r = new FakeRegistry().machine("AppStream_Resource_Name", "bastion-fleet");
        r.loadedHives.clear();
        Map<String, IdentityField> id = collect(r);
        assertThat(time.pauses.stream().reduce(Duration.ZERO, Duration::plus)).isEqualTo(RegistryIdentitySource.PATIENCE);
        assertThat(id.get(Identity.APPSTREAM_SESSION_ID)).satisfies(f -> {
            assertThat(f.value()).startsWith("absent: no such key");
            assertThat(f.source()).isEqualTo("HKU\\" + FakeRegistry.SID + "\\Environment and Volatile Environment (user-editable)");
            assertThat(f.trusted()).isFalse();
        });
        assertThat(id.get(Identity.USER_CHECK).value()).startsWith("not compared: AppStream_UserName absent: no such key");
    }

    @Test
    void anUnknownAccountAndAFailingHostNameAreRecordedNotThrown() {
        FakeRegistry r = appStream("alice");
        r.sids.clear();
        Map<String, IdentityField> id = collect(r, () -> {
            throw new Win32Launch.Win32Exception("GetComputerNameEx(ComputerNameDnsHostname)", 234);
        });
        assertThat(id.get("sessionUserSid").value()).isEqualTo("unreadable: Windows error 1332 (no mapping between account names and security IDs)");
        assertThat(id.get(Identity.HOST).value()).startsWith("unreadable: GetComputerNameEx(ComputerNameDnsHostname) failed with Windows error 234");
        assertThat(id).doesNotContainKey(Identity.APPSTREAM_USER);
    }

    @Test
    void aMachineValueOfTheWrongTypeIsRecordedAsSuch() {
        FakeRegistry r = appStream("alice");
        r.keys.get("HKLM").put("AppStream_Resource_Name", FakeRegistry.dword(1));
        Map<String, IdentityField> id = collect(r);
        assertThat(id.get(Identity.APPSTREAM_FLEET).value()).isEqualTo("unreadable: REG_DWORD, not a string");
        assertThat(Identity.value(id, Identity.APPSTREAM_FLEET)).isEmpty();
    }

    @Test
    void onANonDomainJoinedFleetTheGenericAccountIsNotComparedWithTheClaim() {
        UserSession photon = new UserSession(2, "PhotonUser", "EC2AMAZ-ABC1234", "windows-session");
        FakeRegistry r = appStream("alice@corp.example");
        r.sids.put("PhotonUser", FakeRegistry.SID);
        Map<String, IdentityField> id = Identity.withChecks(new RegistryIdentitySource(r, () -> "EC2AMAZ-ABC1234", time, time::pause).collect(photon));
        assertThat(id.get(Identity.USER_CHECK).value()).isEqualTo("not applicable: generic local account PhotonUser");
        assertThat(id).doesNotContainKey(Identity.USER_MISMATCH);
    }
}
