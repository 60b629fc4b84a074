package dev.sessionrecorder.core.activity;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sessionrecorder.core.activity.ActivityEvent.Focus;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class WindowsActivityTest {
    private final FakeWin32Activity win32 = new FakeWin32Activity()
            .process(400, "C:\\Windows\\regedit.exe").window(0x10, 400, "Registry Editor")
            .process(500, "C:\\Windows\\System32\\notepad.exe").window(0x20, 500, "notes.txt - Notepad")
            .protectedProcess(4).window(0x30, 4, "Task Manager")
            .window(0x40, 777, "exited");
    private final WindowsActivity source = new WindowsActivity(win32);

    private Optional<Foreground> foreground() {
        return source.sample().foreground();
    }

    @Test
    void aFocusChangeIsSeenWithImageNameAndTitle() {
        win32.foreground = 0x10;
        assertThat(foreground()).contains(new Foreground(0x10, "regedit.exe", 400, "Registry Editor"));
        win32.foreground = 0x20;
        assertThat(foreground()).contains(new Foreground(0x20, "notepad.exe", 500, "notes.txt - Notepad"));

        ActivityTracker tracker = new ActivityTracker(TitlePolicy.keepAll(), Duration.ofSeconds(60));
        Instant t = Instant.parse("2026-11-25T14:32:05Z");
        assertThat(tracker.observe(t, source.sample())).containsExactly(new Focus(t, "notepad.exe", 500, "notes.txt - Notepad"));
        win32.foreground = 0x10;
        assertThat(tracker.observe(t.plusSeconds(1), source.sample()))
                .containsExactly(new Focus(t.plusSeconds(1), "regedit.exe", 400, "Registry Editor"));
    }

    @Test
    void aProtectedProcessIsUnknownWithItsPidAndTitle() {
        win32.foreground = 0x30;
        assertThat(foreground()).contains(new Foreground(0x30, Foreground.UNKNOWN, 4, "Task Manager"));
    }

    @Test
    void aProcessThatExitedIsUnknown() {
        win32.foreground = 0x40;
        assertThat(foreground()).contains(new Foreground(0x40, Foreground.UNKNOWN, 777, "exited"));
    }

    @Test
    void noForegroundWindowIsNoForeground() {
        win32.foreground = 0; // the desktop, or a secure desktop (UAC, lock screen)
        assertThat(foreground()).isEmpty();
        win32.foreground = 0x99; // a window closed between GetForegroundWindow and GetWindowThreadProcessId
        assertThat(foreground()).isEmpty();
    }

    @Test
    void theTitleReadIsBoundedBeforeItReachesJava() {
        win32.window(0x50, 500, "t".repeat(10_000)).foreground = 0x50;
        assertThat(foreground().orElseThrow().title()).hasSize(TitlePolicy.READ_LIMIT);
        assertThat(win32.lastMaxChars).isEqualTo(TitlePolicy.READ_LIMIT);
    }

    @Test
    void idleIsTheTickDifference() {
        win32.lastInput = 1_000;
        win32.tick = 61_000;
        assertThat(source.sample().idle()).contains(Duration.ofSeconds(60));
    }

    @Test
    void idleSurvivesTheTickCountWrapAt49Days() {
        win32.lastInput = (int) 0xFFFF_F000L; // 4,096 ms before the wrap
        win32.tick = 0x0000_1000; // 4,096 ms after it
        assertThat(source.sample().idle()).contains(Duration.ofMillis(8_192));
    }

    @Test
    void idleNearTheTopOfTheTickRangeIsNotNegative() {
        win32.lastInput = 0x7FFF_0000; // signed ints would see these as positive and negative
        win32.tick = 0x8000_1000;
        assertThat(source.sample().idle()).contains(Duration.ofMillis(0x1_1000L));
    }
}
