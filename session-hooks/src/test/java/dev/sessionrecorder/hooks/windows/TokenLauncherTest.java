package dev.sessionrecorder.hooks.windows;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sessionrecorder.hooks.Launched;
import dev.sessionrecorder.hooks.UserSession;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The launch sequence against a fake Win32 layer that fails with the codes Windows uses. */
class TokenLauncherTest {
    static final UserSession ALICE = new UserSession(3, "alice", "CORP", "windows-session");
    static final List<String> COMMAND = List.of("C:\\SessionRecording\\jre\\bin\\java.exe", "-cp", "C:\\SessionRecording\\lib\\*",
            "dev.sessionrecorder.core.cli.RecorderCli", "record", "--user", "CORP\\alice");
    static final String COMMAND_LINE = "C:\\SessionRecording\\jre\\bin\\java.exe -cp C:\\SessionRecording\\lib\\* "
            + "dev.sessionrecorder.core.cli.RecorderCli record --user CORP\\alice";
    static final Path LOG = Path.of("launch.log").toAbsolutePath();

    @Test
    void launchesAsSystemInTheUserSessionWithTheLogAsOutputAndOnlyItsHandlesInherited() throws IOException {
        FakeLaunch w = new FakeLaunch();
        Launched launched = new TokenLauncher(w).start(ALICE, COMMAND, Map.of(), LOG);
        assertThat(w.calls).containsExactly(
                "openProcessToken",
                "enablePrivilege(100,SeTcbPrivilege)",
                "enablePrivilege(100,SeAssignPrimaryTokenPrivilege)",
                "enablePrivilege(100,SeIncreaseQuotaPrivilege)",
                "duplicateAsPrimary(100)",
                "setSessionId(101,3)",
                "createEnvironmentBlock(101)",
                "openNul",
                "openForAppend(" + LOG + ")",
                "createHandleList([103, 104])",
                "createProcessAsUser(101," + COMMAND_LINE + ",102,winsta0\\default,std=103/104/104,list=105,breakaway)",
                "deleteHandleList(105)",
                "closeHandle(104)",
                "closeHandle(103)",
                "destroyEnvironmentBlock(102)",
                "closeHandle(101)",
                "closeHandle(100)");
        assertThat(w.open).isEmpty();
        assertThat(launched).isEqualTo(new Launched(4242, "appended to " + LOG, TokenLauncher.BROKE_AWAY));
        assertThat(launched.describe()).isEqualTo("recorder pid 4242; output appended to " + LOG
                + "; outside any job of the hook (CREATE_BREAKAWAY_FROM_JOB accepted)");
    }

    @ParameterizedTest(name = "failing {0}")
    @ValueSource(strings = {"openProcessToken", "duplicateAsPrimary", "setSessionId", "createEnvironmentBlock", "openNul",
            "createHandleList", "createProcessAsUser"})
    void everyHandleIsReleasedWhenAStepFails(String step) {
        FakeLaunch w = new FakeLaunch().failing(step, WinError.PRIVILEGE_NOT_HELD);
        assertThatThrownBy(() -> new TokenLauncher(w).start(ALICE, COMMAND, Map.of(), LOG))
                .isInstanceOf(IOException.class)
                .hasMessageContaining("session 3")
                .hasMessageContaining(step)
                .hasMessageContaining("Windows error 1314 (a required privilege is not held)")
                .hasMessageContaining("must run as SYSTEM");
        assertThat(w.open).as("handles left open after " + step).isEmpty();
    }

    @Test
    void aPrivilegeTheTokenLacksStopsTheLaunchNamingItAndTheFix() {
        // AdjustTokenPrivileges returns TRUE with ERROR_NOT_ALL_ASSIGNED; JnaWin32Launch turns that into this failure.
        FakeLaunch w = new FakeLaunch().failing("SeAssignPrimaryTokenPrivilege", WinError.NOT_ALL_ASSIGNED);
        assertThatThrownBy(() -> new TokenLauncher(w).start(ALICE, COMMAND, Map.of(), LOG))
                .isInstanceOf(IOException.class)
                .hasMessage("could not start the recorder in session 3: SeAssignPrimaryTokenPrivilege cannot be enabled "
                        + "(enablePrivilege(100,SeAssignPrimaryTokenPrivilege) failed with Windows error 1300 (not all privileges "
                        + "assigned)); the hook must run as SYSTEM (\"context\": \"system\" for SessionStart in "
                        + "C:\\AppStream\\SessionScripts\\config.json)");
        assertThat(w.calls).noneMatch(c -> c.startsWith("duplicateAsPrimary"));
        assertThat(w.open).isEmpty();
    }

    @Test
    void aJobThatForbidsBreakawayGetsTheRecorderInsideItAndSaysSo() throws IOException {
        FakeLaunch w = new FakeLaunch().failing("breakaway)", WinError.ACCESS_DENIED);
        Launched launched = new TokenLauncher(w).start(ALICE, COMMAND, Map.of(), LOG);
        assertThat(w.calls.stream().filter(c -> c.startsWith("createProcessAsUser"))).hasSize(2)
                .last().asString().doesNotContain("breakaway");
        assertThat(launched.placement()).isEqualTo(TokenLauncher.STAYS_IN_JOB);
        assertThat(launched.pid()).isEqualTo(4242);
        assertThat(w.open).isEmpty();
    }

    @Test
    void accessDeniedWithAndWithoutBreakawayFailsOnceWithBothAttemptsNamed() {
        FakeLaunch w = new FakeLaunch().failing("createProcessAsUser", WinError.ACCESS_DENIED);
        assertThatThrownBy(() -> new TokenLauncher(w).start(ALICE, COMMAND, Map.of(), LOG))
                .isInstanceOf(IOException.class)
                .hasMessage("could not start the recorder in session 3: CreateProcessAsUser (with CREATE_BREAKAWAY_FROM_JOB: "
                        + "Windows error 5 (access denied); without it) failed with Windows error 5 (access denied)");
        assertThat(w.open).isEmpty();
    }

    @Test
    void anotherCreateProcessErrorIsNotRetried() {
        FakeLaunch w = new FakeLaunch().failing("createProcessAsUser", WinError.FILE_NOT_FOUND);
        assertThatThrownBy(() -> new TokenLauncher(w).start(ALICE, COMMAND, Map.of(), LOG)).hasMessageContaining("Windows error 2");
        assertThat(w.calls.stream().filter(c -> c.startsWith("createProcessAsUser"))).hasSize(1);
        assertThat(w.open).isEmpty();
    }

    @Test
    void aLogThatCannotBeOpenedStillStartsTheRecordingWithOutputToNulAndSaysWhy() throws IOException {
        FakeLaunch w = new FakeLaunch().failing("openForAppend", WinError.PATH_NOT_FOUND);
        Launched launched = new TokenLauncher(w).start(ALICE, COMMAND, Map.of(), LOG);
        assertThat(w.calls).contains("createHandleList([103])")
                .anyMatch(c -> c.startsWith("createProcessAsUser") && c.contains("std=103/103/103"));
        assertThat(launched.output()).startsWith("discarded: openForAppend(" + LOG + ") failed with Windows error 3 (path not found)")
                .endsWith("check that the logs folder of recorder.json exists");
        assertThat(w.open).isEmpty();
    }

    @Test
    void theLauncherInterfaceStillWorksForCallersThatIgnoreTheOutcome() throws IOException {
        FakeLaunch w = new FakeLaunch();
        new TokenLauncher(w).launch(ALICE, COMMAND, Map.of(), LOG);
        assertThat(w.calls).anyMatch(c -> c.startsWith("createProcessAsUser"));
        assertThat(w.open).isEmpty();
    }
}
