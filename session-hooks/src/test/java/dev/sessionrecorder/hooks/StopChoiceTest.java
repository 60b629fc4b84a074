package dev.sessionrecorder.hooks;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Which recorders session-end stops, on the instance shapes AppStream produces. */
class StopChoiceTest {
    /** Sessions as WTS would list them: id -> active? (false: disconnected, still logged on). */
    private static SessionLocator instance(Map<Integer, Boolean> sessions, Optional<Integer> hook) {
        return new SessionLocator() {
            @Override
            public List<UserSession> activeSessions() {
                return sessions.entrySet().stream().filter(Map.Entry::getValue).map(Map.Entry::getKey).sorted()
                        .map(id -> new UserSession(id, "user" + id, "", "windows-session")).toList();
            }

            @Override
            public boolean hasUser(int id) {
                return sessions.containsKey(id);
            }

            @Override
            public Optional<Integer> sessionOfThisHook() {
                return hook;
            }
        };
    }

    private static StopChoice.Running recorder(int session) {
        return new StopChoice.Running("session-" + session, Optional.of(session), "rec-" + session);
    }

    private static Set<String> stopped(List<StopChoice.Decision> decisions) {
        return decisions.stream().filter(StopChoice.Decision::stop).map(d -> d.recorder().slot())
                .collect(java.util.stream.Collectors.toSet());
    }

    @Test
    void singleSessionFleetTheUserIsStillLoggedOnWhenTerminationRunsAndIsStopped() {
        var d = StopChoice.decide(List.of(recorder(2)), instance(Map.of(2, true), Optional.empty()), false);
        assertThat(stopped(d)).containsExactly("session-2");
        assertThat(d.get(0).reason()).isEqualTo("the only user session on this instance");
    }

    @Test
    void multiSessionOnlyTheRecorderWhoseUserIsGoneIsStopped() {
        var d = StopChoice.decide(List.of(recorder(2), recorder(3), recorder(4)),
                instance(Map.of(2, true, 4, false), Optional.empty()), false);
        assertThat(stopped(d)).containsExactly("session-3");
        assertThat(d).filteredOn(x -> !x.stop()).extracting(StopChoice.Decision::reason)
                .allMatch(r -> r.contains("still has its user"));
    }

    @Test
    void aDisconnectedUserWhoMayComeBackKeepsTheRecorderWhileOthersAreOnTheInstance() {
        var d = StopChoice.decide(List.of(recorder(2), recorder(3)), instance(Map.of(2, true, 3, false), Optional.empty()), false);
        assertThat(stopped(d)).isEmpty();
    }

    @Test
    void whenTheHookKnowsItsSessionOnlyThatRecorderStops() {
        var d = StopChoice.decide(List.of(recorder(2), recorder(3)), instance(Map.of(2, true, 3, true), Optional.of(3)), false);
        assertThat(stopped(d)).containsExactly("session-3");
    }

    @Test
    void allStopsEveryRecorderIncludingOneWithoutASlot() {
        var d = StopChoice.decide(List.of(recorder(2), new StopChoice.Running("", Optional.empty(), "rec")),
                instance(Map.of(2, true, 3, true), Optional.of(3)), true);
        assertThat(stopped(d)).containsExactlyInAnyOrder("session-2", "");
    }

    @Test
    void theSingleRecorderWithoutASlotStopsWhenNoOtherUserIsOnTheInstance() {
        var d = StopChoice.decide(List.of(new StopChoice.Running("", Optional.empty(), "rec")), instance(Map.of(), Optional.empty()), false);
        assertThat(stopped(d)).containsExactly("");
        assertThat(d.get(0).reason()).isEqualTo("no user session is left");
    }
}
