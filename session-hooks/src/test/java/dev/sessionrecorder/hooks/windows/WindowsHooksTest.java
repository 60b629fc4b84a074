package dev.sessionrecorder.hooks.windows;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sessionrecorder.hooks.UserSession;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/** The Windows logic of the hooks against fakes of the Win32 layer; identity is in {@link RegistryIdentitySourceTest}. */
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
