package dev.sessionrecorder.hooks.windows;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sessionrecorder.core.session.SessionMetadata.IdentityField;
import dev.sessionrecorder.hooks.Identity;
import dev.sessionrecorder.hooks.UserSession;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/** The Windows logic of the hooks against fakes of the Win32 layer. */
class WindowsHooksTest {

    static final class FakeWts implements Wts {
        final List<SessionInfo> sessions = new ArrayList<>();
        final Map<Integer, String> users = new HashMap<>();

        FakeWts with(int id, String station, int state, String user) {
            sessions.add(new SessionInfo(id, station, state));
            users.put(id, user);
            return this;
        }

        @Override
        public List<SessionInfo> sessions() {
            return sessions;
        }

        @Override
        public String userName(int sessionId) {
            return users.getOrDefault(sessionId, "");
        }

        @Override
        public String domainName(int sessionId) {
            return "EC2AMAZ";
        }
    }

    @Test
    void picksTheActiveUserSessionNotServicesNorDisconnectedRdp() {
        FakeWts wts = new FakeWts().with(0, "Services", Wts.DISCONNECTED, "")
                .with(1, "Console", Wts.ACTIVE, "PhotonUser")
                .with(2, "RDP-Tcp#0", Wts.DISCONNECTED, "admin");
        assertThat(new WtsSessionLocator(wts).activeSessions())
                .containsExactly(new UserSession(1, "PhotonUser", "EC2AMAZ", "windows-session"));
    }

    @Test
    void everyActiveUserSessionIsListedAsOnAMultiSessionFleet() {
        FakeWts wts = new FakeWts().with(0, "Services", Wts.DISCONNECTED, "")
                .with(3, "Console", Wts.ACTIVE, "dave")
                .with(2, "RDP-Tcp#1", Wts.ACTIVE, "carol")
                .with(4, "RDP-Tcp#2", Wts.DISCONNECTED, "erin");
        assertThat(new WtsSessionLocator(wts).activeSessions()).extracting(UserSession::user).containsExactly("carol", "dave");
        assertThat(new WtsSessionLocator(wts).hasUser(4)).as("disconnected, still logged on").isTrue();
        assertThat(new WtsSessionLocator(wts).hasUser(5)).as("gone").isFalse();
        assertThat(new WtsSessionLocator(wts).hasUser(0)).as("services").isFalse();
    }

    @Test
    void noneWhileOnlyTheLogonScreenIsUp() {
        FakeWts wts = new FakeWts().with(0, "Services", Wts.DISCONNECTED, "").with(1, "Console", Wts.ACTIVE, "");
        assertThat(new WtsSessionLocator(wts).activeSessions()).isEmpty();
    }

    /** Records every call; fails the named one. */
    static final class FakeLaunch implements Win32Launch {
        final List<String> calls = new ArrayList<>();
        final List<Long> open = new ArrayList<>();
        final String failAt;
        long next = 100;

        FakeLaunch(String failAt) {
            this.failAt = failAt;
        }

        private Handle acquire(String call) {
            fail(call);
            Handle h = new Handle(next++);
            open.add(h.value());
            return h;
        }

        private void fail(String call) {
            calls.add(call);
            if (call.startsWith(failAt)) {
                throw new Win32Exception(call, 5);
            }
        }

        @Override
        public Handle openProcessToken() {
            return acquire("openProcessToken");
        }

        @Override
        public Handle duplicateAsPrimary(Handle token) {
            return acquire("duplicateAsPrimary(" + token.value() + ")");
        }

        @Override
        public void setSessionId(Handle token, int sessionId) {
            fail("setSessionId(" + token.value() + "," + sessionId + ")");
        }

        @Override
        public Handle createEnvironmentBlock(Handle token) {
            return acquire("createEnvironmentBlock(" + token.value() + ")");
        }

        @Override
        public void destroyEnvironmentBlock(Handle environment) {
            calls.add("destroyEnvironmentBlock(" + environment.value() + ")");
            open.remove(environment.value());
        }

        @Override
        public long createProcessAsUser(Handle token, String commandLine, Handle environment, String workingDir, String desktop) {
            fail("createProcessAsUser(" + token.value() + "," + commandLine + "," + environment.value() + "," + desktop + ")");
            return 4242;
        }

        @Override
        public void closeHandle(Handle handle) {
            calls.add("closeHandle(" + handle.value() + ")");
            open.remove(handle.value());
        }
    }

    static final UserSession ALICE = new UserSession(3, "alice", "CORP", "windows-session");
    static final List<String> COMMAND = List.of("C:\\SessionRecording\\jre\\bin\\java.exe", "-cp", "C:\\SessionRecording\\lib\\*",
            "dev.sessionrecorder.core.cli.RecorderCli", "record", "--user", "CORP\\alice");

    @Test
    void launchesAsSystemInTheUserSessionInTheDocumentedOrderAndReleasesEverything() throws IOException {
        FakeLaunch w = new FakeLaunch("none");
        new TokenLauncher(w).launch(ALICE, COMMAND, Map.of(), Path.of("launch.log"));
        assertThat(w.calls).containsExactly(
                "openProcessToken",
                "duplicateAsPrimary(100)",
                "setSessionId(101,3)",
                "createEnvironmentBlock(101)",
                "createProcessAsUser(101,C:\\SessionRecording\\jre\\bin\\java.exe -cp C:\\SessionRecording\\lib\\* "
                        + "dev.sessionrecorder.core.cli.RecorderCli record --user CORP\\alice,102,winsta0\\default)",
                "destroyEnvironmentBlock(102)",
                "closeHandle(101)",
                "closeHandle(100)");
        assertThat(w.open).isEmpty();
    }

    @ParameterizedTest(name = "failing {0}")
    @ValueSource(strings = {"openProcessToken", "duplicateAsPrimary", "setSessionId", "createEnvironmentBlock", "createProcessAsUser"})
    void everyHandleIsReleasedWhenAStepFails(String step) {
        FakeLaunch w = new FakeLaunch(step);
        assertThatThrownBy(() -> new TokenLauncher(w).launch(ALICE, COMMAND, Map.of(), Path.of("launch.log")))
                .isInstanceOf(IOException.class)
                .hasMessageContaining("session 3")
                .hasMessageContaining(step)
                .hasMessageContaining("Windows error 5");
        assertThat(w.open).as("handles left open after " + step).isEmpty();
    }

    static final class FakeRegistry implements Registry {
        final Map<String, String> machine = new HashMap<>();
        final Map<String, String> user = new HashMap<>();

        @Override
        public Optional<String> machineEnvironment(String name) {
            return Optional.ofNullable(machine.get(name));
        }

        @Override
        public Optional<String> userEnvironment(String sid, String name) {
            return sid.equals("S-1-5-21-1-2-3-1001") ? Optional.ofNullable(user.get(name)) : Optional.empty();
        }

        @Override
        public Optional<String> sid(String domain, String userName) {
            return userName.equals("alice") ? Optional.of("S-1-5-21-1-2-3-1001") : Optional.empty();
        }
    }

    private static FakeRegistry appStream(String claimedUser) {
        FakeRegistry r = new FakeRegistry();
        r.machine.put("COMPUTERNAME", "EC2AMAZ-ABC");
        r.machine.put("AppStream_Resource_Name", "bastion-fleet");
        r.machine.put("AppStream_Image_Arn", "arn:aws:appstream:us-east-1:123:image/base");
        r.user.put("AppStream_UserName", claimedUser);
        r.user.put("AppStream_Stack_Name", "bastion-stack");
        r.user.put("AppStream_Session_ID", "0f1e2d3c-aaaa-bbbb-cccc-1234567890ab");
        return r;
    }

    @Test
    void identityCarriesItsSourceAndUserLevelValuesAreClaims() {
        Map<String, IdentityField> id = Identity.withChecks(new RegistryIdentitySource(appStream("alice")).collect(ALICE));
        assertThat(id.get(Identity.SESSION_USER)).isEqualTo(new IdentityField("CORP\\alice", "WTSQuerySessionInformation (session 3)", true));
        assertThat(id.get(Identity.HOST)).isEqualTo(new IdentityField("EC2AMAZ-ABC", "HKLM environment", true));
        assertThat(id.get(Identity.APPSTREAM_FLEET).trusted()).isTrue();
        assertThat(id.get(Identity.APPSTREAM_STACK)).satisfies(f -> {
            assertThat(f.value()).isEqualTo("bastion-stack");
            assertThat(f.trusted()).isFalse();
            assertThat(f.source()).contains("HKU\\S-1-5-21-1-2-3-1001\\Environment").contains("a claim");
        });
        assertThat(id).doesNotContainKey(Identity.USER_MISMATCH);
    }

    @Test
    void aUserEditedAppStreamUserNameIsFlagged() {
        Map<String, IdentityField> id = Identity.withChecks(new RegistryIdentitySource(appStream("bob")).collect(ALICE));
        assertThat(id.get(Identity.USER_MISMATCH)).satisfies(f -> {
            assertThat(f.value()).isEqualTo("AppStream_UserName \"bob\" differs from the session user \"CORP\\alice\"");
            assertThat(f.trusted()).isTrue();
        });
    }

    @Test
    void emailStyleAppStreamUserOfTheSameAccountIsNotAMismatch() {
        Map<String, IdentityField> id = Identity.withChecks(new RegistryIdentitySource(appStream("Alice@corp.example")).collect(ALICE));
        assertThat(id).doesNotContainKey(Identity.USER_MISMATCH);
    }

    static Stream<Arguments> quoting() {
        return Stream.of(
                Arguments.of("plain", "plain"),
                Arguments.of("C:\\Program Files\\Java\\bin\\java.exe", "\"C:\\Program Files\\Java\\bin\\java.exe\""),
                Arguments.of("", "\"\""),
                Arguments.of("say \"hi\"", "\"say \\\"hi\\\"\""),
                Arguments.of("C:\\dir with space\\", "\"C:\\dir with space\\\\\""));
    }

    @ParameterizedTest
    @MethodSource("quoting")
    void commandLineQuotingFollowsCommandLineToArgvW(String arg, String quoted) {
        assertThat(WindowsCommandLine.quote(arg)).isEqualTo(quoted);
    }
}
