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
                .hasMessageFindingMatch("(?i)" + step)
                .hasMessageContaining("Windows error 1314 (a required privilege is not held)")
                .hasMessageContaining("must run as SYSTEM");
        assertThat(w.open).as("handles left open after " + step).isEmpty();
    }

    @Test
    void withoutSeTcbTheLaunchStopsNamingItAndTheFix() {
        // AdjustTokenPrivileges returns TRUE with ERROR_NOT_ALL_ASSIGNED; JnaWin32Launch turns that into this failure.
        FakeLaunch w = new FakeLaunch().failing("SeTcbPrivilege", WinError.NOT_ALL_ASSIGNED);
        assertThatThrownBy(() -> new TokenLauncher(w).start(ALICE, COMMAND, Map.of(), LOG))
                .isInstanceOf(IOException.class)
                .hasMessage("could not start the recorder in session 3: SeTcbPrivilege cannot be enabled "
                        + "(enablePrivilege(100,SeTcbPrivilege) failed with Windows error 1300 (not all privileges "
                        + "assigned)); the hook must run as SYSTEM (\"context\": \"system\" for SessionStart in "
                        + "C:\\AppStream\\SessionScripts\\config.json)");
        assertThat(w.calls).noneMatch(c -> c.startsWith("duplicateAsPrimary"));
        assertThat(w.open).isEmpty();
    }

    @Test
    void createProcessPrivilegesThatCannotBeEnabledAreAWarningAndTheLaunchGoesOn() throws IOException {
        // CreateProcessAsUser enables SeAssignPrimaryToken and SeIncreaseQuota itself when the token holds them.
        FakeLaunch w = new FakeLaunch().failing("SeAssignPrimaryTokenPrivilege", WinError.NOT_ALL_ASSIGNED)
                .failing("SeIncreaseQuotaPrivilege", WinError.NOT_ALL_ASSIGNED);
        Launched launched = new TokenLauncher(w).start(ALICE, COMMAND, Map.of(), LOG);
        assertThat(launched.pid()).isEqualTo(4242);
        assertThat(launched.warnings()).containsExactly(
                "SeAssignPrimaryTokenPrivilege is not enabled (enablePrivilege(100,SeAssignPrimaryTokenPrivilege) failed with "
                        + "Windows error 1300 (not all privileges assigned)); CreateProcessAsUser enables it itself if the hook's "
                        + "token holds it",
                "SeIncreaseQuotaPrivilege is not enabled (enablePrivilege(100,SeIncreaseQuotaPrivilege) failed with "
                        + "Windows error 1300 (not all privileges assigned)); CreateProcessAsUser enables it itself if the hook's "
                        + "token holds it");
        assertThat(launched.describe()).contains("; WARNING: SeAssignPrimaryTokenPrivilege is not enabled", "; WARNING: SeIncreaseQuotaPrivilege");
        assertThat(w.open).isEmpty();
    }

    @Test
    void createProcessLackingThePrivilegesSaysWhichAndTheFix() {
        FakeLaunch w = new FakeLaunch().failing("SeIncreaseQuotaPrivilege", WinError.NOT_ALL_ASSIGNED)
                .failing("createProcessAsUser", WinError.PRIVILEGE_NOT_HELD);
        assertThatThrownBy(() -> new TokenLauncher(w).start(ALICE, COMMAND, Map.of(), LOG))
                .isInstanceOf(IOException.class)
                .hasMessage("could not start the recorder in session 3: CreateProcessAsUser failed on every attempt "
                        + "(inheriting the launch log, with CREATE_BREAKAWAY_FROM_JOB: Windows error 1314 (a required privilege is not held); "
                        + "inheriting nothing, with CREATE_BREAKAWAY_FROM_JOB: Windows error 1314 (a required privilege is not held)); "
                        + "CreateProcessAsUser needs SeAssignPrimaryTokenPrivilege and SeIncreaseQuotaPrivilege "
                        + "(SeIncreaseQuotaPrivilege is not enabled (enablePrivilege(100,SeIncreaseQuotaPrivilege) failed with Windows "
                        + "error 1300 (not all privileges assigned)); CreateProcessAsUser enables it itself if the hook's token holds it); "
                        + TokenLauncher.RUN_AS_SYSTEM);
        assertThat(w.open).isEmpty();
    }

    @Test
    void aJobThatForbidsBreakawayGetsTheRecorderInsideItAndSaysSo() throws IOException {
        FakeLaunch w = new FakeLaunch().forbiddingBreakaway();
        Launched launched = new TokenLauncher(w).start(ALICE, COMMAND, Map.of(), LOG);
        assertThat(creates(w)).containsExactly("std=103/104/104,list=105,breakaway", "std=103/104/104,list=105");
        assertThat(launched.placement()).isEqualTo(TokenLauncher.STAYS_IN_JOB);
        assertThat(launched.output()).isEqualTo("appended to " + LOG);
        assertThat(launched.pid()).isEqualTo(4242);
        assertThat(w.open).isEmpty();
    }

    @ParameterizedTest(name = "inheritance refused with {0}")
    @ValueSource(ints = {WinError.INVALID_PARAMETER, 50 /* ERROR_NOT_SUPPORTED */, WinError.PRIVILEGE_NOT_HELD})
    void inheritanceRefusedWithAnotherCodeStartsWithoutItAtTheSecondTryStillBreakingAway(int error) throws IOException {
        FakeLaunch w = new FakeLaunch().refusingInheritedHandles(error);
        Launched launched = new TokenLauncher(w).start(ALICE, COMMAND, Map.of(), LOG);
        // Only ERROR_ACCESS_DENIED means "no breakaway": another code is not retried inside the job.
        assertThat(creates(w)).containsExactly("std=103/104/104,list=105,breakaway", "inherits nothing,breakaway");
        assertThat(launched.placement()).isEqualTo(TokenLauncher.BROKE_AWAY);
        assertThat(launched.output()).isEqualTo("discarded: " + TokenLauncher.NOT_INHERITED
                + " (inheriting the launch log, with CREATE_BREAKAWAY_FROM_JOB: " + WinError.describe(error) + ")");
        assertThat(w.open).isEmpty();
    }

    @Test
    void inheritanceRefusedWithAccessDeniedIsToldApartFromTheJobInThreeTries() throws IOException {
        // A 5 may be the job refusing breakaway or the session refusing inheritance: the job is tried first.
        FakeLaunch w = new FakeLaunch().refusingInheritedHandles(WinError.ACCESS_DENIED);
        Launched launched = new TokenLauncher(w).start(ALICE, COMMAND, Map.of(), LOG);
        assertThat(creates(w)).containsExactly("std=103/104/104,list=105,breakaway", "std=103/104/104,list=105",
                "inherits nothing,breakaway");
        assertThat(launched.placement()).isEqualTo(TokenLauncher.BROKE_AWAY);
        assertThat(launched.output()).isEqualTo("discarded: " + TokenLauncher.NOT_INHERITED
                + " (inheriting the launch log, with CREATE_BREAKAWAY_FROM_JOB: Windows error 5 (access denied); "
                + "inheriting the launch log, without CREATE_BREAKAWAY_FROM_JOB: Windows error 5 (access denied))");
        assertThat(w.open).isEmpty();
    }

    @Test
    void inheritanceRefusedInAJobThatForbidsBreakawayStillRecordsInsideTheJob() throws IOException {
        FakeLaunch w = new FakeLaunch().refusingInheritedHandles(WinError.INVALID_PARAMETER).forbiddingBreakaway();
        Launched launched = new TokenLauncher(w).start(ALICE, COMMAND, Map.of(), LOG);
        assertThat(creates(w)).containsExactly("std=103/104/104,list=105,breakaway", "inherits nothing,breakaway", "inherits nothing");
        assertThat(launched.placement()).isEqualTo(TokenLauncher.STAYS_IN_JOB);
        assertThat(launched.output()).startsWith("discarded: " + TokenLauncher.NOT_INHERITED).contains("Windows error 87")
                .doesNotContain("inheriting nothing");
        assertThat(w.open).isEmpty();
    }

    @Test
    void accessDeniedOnEveryTryFailsAfterFourNamingEach() {
        FakeLaunch w = new FakeLaunch().failing("createProcessAsUser", WinError.ACCESS_DENIED);
        assertThatThrownBy(() -> new TokenLauncher(w).start(ALICE, COMMAND, Map.of(), LOG))
                .isInstanceOf(IOException.class)
                .hasMessage("could not start the recorder in session 3: CreateProcessAsUser failed on every attempt ("
                        + "inheriting the launch log, with CREATE_BREAKAWAY_FROM_JOB: Windows error 5 (access denied); "
                        + "inheriting the launch log, without CREATE_BREAKAWAY_FROM_JOB: Windows error 5 (access denied); "
                        + "inheriting nothing, with CREATE_BREAKAWAY_FROM_JOB: Windows error 5 (access denied); "
                        + "inheriting nothing, without CREATE_BREAKAWAY_FROM_JOB: Windows error 5 (access denied)); "
                        + "check that SYSTEM may read and execute " + COMMAND.get(0));
        assertThat(creates(w)).hasSize(4);
        assertThat(w.open).isEmpty();
    }

    @Test
    void aMissingProgramFailsAfterTwoTriesNamingBothCodesAndThePath() {
        FakeLaunch w = new FakeLaunch().refusingInheritedHandles(WinError.INVALID_PARAMETER)
                .failing("createProcessAsUser", WinError.FILE_NOT_FOUND);
        assertThatThrownBy(() -> new TokenLauncher(w).start(ALICE, COMMAND, Map.of(), LOG))
                .isInstanceOf(IOException.class)
                .hasMessage("could not start the recorder in session 3: CreateProcessAsUser failed on every attempt ("
                        + "inheriting the launch log, with CREATE_BREAKAWAY_FROM_JOB: Windows error 87 (the parameter is incorrect); "
                        + "inheriting nothing, with CREATE_BREAKAWAY_FROM_JOB: Windows error 2 (file not found)); "
                        + "check that " + COMMAND.get(0) + " exists");
        assertThat(creates(w)).hasSize(2);
        assertThat(w.open).isEmpty();
    }

    @Test
    void aLogThatCannotBeOpenedAndInheritanceRefusedGiveBothReasons() throws IOException {
        FakeLaunch w = new FakeLaunch().failing("openForAppend", WinError.PATH_NOT_FOUND)
                .refusingInheritedHandles(WinError.INVALID_PARAMETER);
        Launched launched = new TokenLauncher(w).start(ALICE, COMMAND, Map.of(), LOG);
        assertThat(launched.output()).startsWith("discarded: openForAppend(" + LOG + ") failed with Windows error 3 (path not found); "
                + "check that the logs folder of recorder.json exists; and " + TokenLauncher.NOT_INHERITED);
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

    /** What each createProcessAsUser call inherited and whether it broke away, in order. */
    private static List<String> creates(FakeLaunch w) {
        String prefix = "createProcessAsUser(101," + COMMAND_LINE + ",102,winsta0\\default,";
        return w.calls.stream().filter(c -> c.startsWith("createProcessAsUser"))
                .map(c -> c.substring(prefix.length(), c.length() - 1)).toList();
    }
}
