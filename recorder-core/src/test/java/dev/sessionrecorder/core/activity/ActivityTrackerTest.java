package dev.sessionrecorder.core.activity;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sessionrecorder.core.activity.ActivityEvent.Active;
import dev.sessionrecorder.core.activity.ActivityEvent.Focus;
import dev.sessionrecorder.core.activity.ActivityEvent.Idle;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class ActivityTrackerTest {
    private static final Instant T0 = Instant.parse("2026-11-25T14:32:00Z");
    private static final Foreground REGEDIT = new Foreground(0x10, "regedit.exe", 400, "Registry Editor");
    private static final Foreground NOTEPAD = new Foreground(0x20, "notepad.exe", 500, "notes.txt - Notepad");

    /** One poll: seconds after T0, what was in front (null: nothing), seconds since input (null: unknown). */
    private record Poll(double at, Foreground fg, Double idle) {}

    private static Poll poll(double at, Foreground fg, Double idle) {
        return new Poll(at, fg, idle);
    }

    private static Instant t(double seconds) {
        return T0.plusMillis(Math.round(seconds * 1000));
    }

    static Stream<Arguments> timelines() {
        Foreground renamed = new Foreground(0x20, "notepad.exe", 500, "*notes.txt - Notepad");
        Foreground secondNotepad = new Foreground(0x21, "notepad.exe", 501, "notes.txt - Notepad");
        return Stream.of(
                Arguments.of("first sample states the focus",
                        List.of(poll(0, REGEDIT, 0.0)),
                        List.of(new Focus(t(0), "regedit.exe", 400, "Registry Editor"))),
                Arguments.of("same window again is no event",
                        List.of(poll(0, REGEDIT, 0.0), poll(0.5, REGEDIT, 0.5), poll(1, REGEDIT, 0.2)),
                        List.of(new Focus(t(0), "regedit.exe", 400, "Registry Editor"))),
                Arguments.of("app change, title change, and another window with the same app and title",
                        List.of(poll(0, REGEDIT, 0.0), poll(1, NOTEPAD, 0.0), poll(2, renamed, 0.0),
                                poll(3, secondNotepad, 0.0)),
                        List.of(new Focus(t(0), "regedit.exe", 400, "Registry Editor"),
                                new Focus(t(1), "notepad.exe", 500, "notes.txt - Notepad"),
                                new Focus(t(2), "notepad.exe", 500, "*notes.txt - Notepad"),
                                new Focus(t(3), "notepad.exe", 501, "notes.txt - Notepad"))),
                Arguments.of("desktop or secure desktop in front, then back",
                        List.of(poll(0, REGEDIT, 0.0), poll(1, null, 0.0), poll(2, null, 0.0), poll(3, REGEDIT, 0.0)),
                        List.of(new Focus(t(0), "regedit.exe", 400, "Registry Editor"),
                                new Focus(t(1), Focus.NO_WINDOW, 0, ""),
                                new Focus(t(3), "regedit.exe", 400, "Registry Editor"))),
                Arguments.of("idle when the threshold is crossed, dated by the threshold; active dated by the input",
                        List.of(poll(0, REGEDIT, 0.0), poll(59.5, REGEDIT, 59.5), poll(60.5, REGEDIT, 60.5),
                                poll(90, REGEDIT, 90.0), poll(100, REGEDIT, 0.4), poll(101, REGEDIT, 1.4)),
                        List.of(new Focus(t(0), "regedit.exe", 400, "Registry Editor"),
                                new Idle(t(60)),
                                new Active(t(99.6)))),
                Arguments.of("input resumes and focus changes in one poll: active first, it happened first",
                        List.of(poll(0, REGEDIT, 61.0), poll(10, NOTEPAD, 2.0)),
                        List.of(new Idle(t(0)),
                                new Focus(t(0), "regedit.exe", 400, "Registry Editor"),
                                new Active(t(8)),
                                new Focus(t(10), "notepad.exe", 500, "notes.txt - Notepad"))),
                Arguments.of("idle never dated before the previous sample (a platform clock that jumped)",
                        List.of(poll(0, REGEDIT, 0.0), poll(5, REGEDIT, 300.0)),
                        List.of(new Focus(t(0), "regedit.exe", 400, "Registry Editor"), new Idle(t(0)))),
                Arguments.of("unknown idle time makes no idle or active events",
                        List.of(poll(0, REGEDIT, null), poll(100, REGEDIT, null)),
                        List.of(new Focus(t(0), "regedit.exe", 400, "Registry Editor"))),
                Arguments.of("app that cannot be opened is kept as unknown",
                        List.of(poll(0, new Foreground(0x30, Foreground.UNKNOWN, 4, "Task Manager"), 0.0)),
                        List.of(new Focus(t(0), "unknown", 4, "Task Manager"))));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("timelines")
    void samplesBecomeEvents(String name, List<Poll> polls, List<ActivityEvent> expected) {
        ActivityTracker tracker = new ActivityTracker(TitlePolicy.keepAll(), Duration.ofSeconds(60));
        List<ActivityEvent> events = new ArrayList<>();
        for (Poll p : polls) {
            events.addAll(tracker.observe(t(p.at()), new ActivitySample(Optional.ofNullable(p.fg()),
                    Optional.ofNullable(p.idle()).map(s -> Duration.ofMillis(Math.round(s * 1000))))));
        }
        assertThat(events).containsExactlyElementsOf(expected);
    }

    static Stream<Arguments> policies() {
        return Stream.of(
                Arguments.of("titles off: title changes are no events", new TitlePolicy(false, List.of()),
                        List.of(new Focus(t(0), "notepad.exe", 500, ""))),
                Arguments.of("redacted by app name, any case", new TitlePolicy(true, List.of("NOTEPAD.EXE")),
                        List.of(new Focus(t(0), "notepad.exe", 500, "[redacted]"))),
                Arguments.of("redacted by pattern; a title that stops matching shows again",
                        new TitlePolicy(true, List.of("^\\*?notes\\.txt")),
                        List.of(new Focus(t(0), "notepad.exe", 500, "[redacted]"),
                                new Focus(t(2), "notepad.exe", 500, "todo.txt - Notepad"))));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("policies")
    void titlePolicyAppliesBeforeChangesAreCompared(String name, TitlePolicy policy, List<ActivityEvent> expected) {
        ActivityTracker tracker = new ActivityTracker(policy, Duration.ofSeconds(60));
        List<ActivityEvent> events = new ArrayList<>();
        for (String[] s : new String[][] {{"0", "notes.txt - Notepad"}, {"1", "*notes.txt - Notepad"}, {"2", "todo.txt - Notepad"}}) {
            events.addAll(tracker.observe(t(Double.parseDouble(s[0])), new ActivitySample(
                    Optional.of(new Foreground(0x20, "notepad.exe", 500, s[1])), Optional.of(Duration.ZERO))));
        }
        assertThat(events).containsExactlyElementsOf(expected);
    }
}
