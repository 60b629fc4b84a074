package dev.sessionrecorder.hooks.windows;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sessionrecorder.hooks.UserSession;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Finding the sessions and joining the command line, against a fake wtsapi32 that reports what Windows
 * reports. The launch is in {@link TokenLauncherTest}, identity in {@link RegistryIdentitySourceTest}.
 */
class WindowsHooksTest {

    static final class FakeWts implements Wts {
        final List<SessionInfo> sessions = new ArrayList<>();
        final Map<Integer, String> users = new HashMap<>();
        /** WTSEnumerateSessions fails with this error code when not 0. */
        int enumerateError;

        FakeWts with(int id, String station, int state, String user) {
            sessions.add(new SessionInfo(id, station, state));
            users.put(id, user);
            return this;
        }

        @Override
        public List<SessionInfo> sessions() {
            if (enumerateError != 0) {
                throw new Win32Launch.Win32Exception("WTSEnumerateSessions", enumerateError);
            }
            return sessions;
        }

        @Override
        public String userName(int sessionId) {
            return users.getOrDefault(sessionId, ""); // WTSQuerySessionInformation answers "" where nobody is logged on
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
    void aSessionStillConnectingOrInitialisingIsNotRecordedYet() {
        FakeWts wts = new FakeWts().with(0, "Services", Wts.DISCONNECTED, "")
                .with(2, "RDP-Tcp#0", Wts.CONNECTED, "")
                .with(3, "RDP-Tcp#1", Wts.INIT, "")
                .with(4, "RDP-Tcp#2", Wts.ACTIVE, "bob");
        assertThat(new WtsSessionLocator(wts).activeSessions()).extracting(UserSession::id).containsExactly(4);
        assertThat(new WtsSessionLocator(wts).hasUser(2)).as("no user logged on yet").isFalse();
    }

    @Test
    void noneWhileOnlyTheLogonScreenIsUp() {
        FakeWts wts = new FakeWts().with(0, "Services", Wts.DISCONNECTED, "").with(1, "Console", Wts.ACTIVE, "");
        assertThat(new WtsSessionLocator(wts).activeSessions()).isEmpty();
    }

    @Test
    void enumerateSessionsDeniedSaysRunAsSystemInOneLine() {
        FakeWts wts = new FakeWts();
        wts.enumerateError = WinError.ACCESS_DENIED;
        assertThatThrownBy(() -> new WtsSessionLocator(wts).activeSessions())
                .hasMessage("cannot list the Windows sessions: WTSEnumerateSessions failed with Windows error 5 (access denied); "
                        + "the hook must run as SYSTEM (\"context\": \"system\" in C:\\AppStream\\SessionScripts\\config.json)");
        assertThatThrownBy(() -> new WtsSessionLocator(wts).hasUser(3)).hasMessageContaining("Windows error 5");
    }

    @Test
    void enumerateSessionsWithTheServiceDownPointsAtTermService() {
        FakeWts wts = new FakeWts();
        wts.enumerateError = 1722; // RPC_S_SERVER_UNAVAILABLE
        assertThatThrownBy(() -> new WtsSessionLocator(wts).activeSessions())
                .hasMessageContaining("Windows error 1722 (the RPC server is unavailable)")
                .hasMessageEndingWith("check that the Remote Desktop Services (TermService) service is running");
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
