package dev.sessionrecorder.core.session;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class SessionWatchTest {
    /** WTS as Windows answers it: the session's user, "" once logged off, null once the session is gone. */
    static final class FakeSessions implements WindowsUserPresence.Sessions {
        final Deque<String> answers = new ArrayDeque<>();
        int own = 3;

        @Override
        public int ownSession() {
            return own;
        }

        @Override
        public String userName(int session) {
            String a = answers.isEmpty() ? "alice" : answers.poll();
            return a == null || a.equals("<gone>") ? null : a;
        }
    }

    @Test
    void aLoggedOffUserEndsTheRecordingOnlyOnceConfirmed() {
        FakeSessions wts = new FakeSessions();
        wts.answers.addAll(java.util.List.of("alice", "", "alice", "", ""));
        SessionWatch watch = new SessionWatch(new WindowsUserPresence(wts));
        assertThat(watch.check()).isEmpty();
        assertThat(watch.check()).as("one empty answer is not enough").isEmpty();
        assertThat(watch.check()).isEmpty();
        assertThat(watch.check()).isEmpty();
        assertThat(watch.check()).contains("Windows session 3 has no user logged on any more");
    }

    @Test
    void aSessionThatNoLongerExistsEndsIt() {
        FakeSessions wts = new FakeSessions();
        wts.answers.addAll(java.util.List.of("<gone>", "<gone>"));
        SessionWatch watch = new SessionWatch(new WindowsUserPresence(wts));
        assertThat(watch.check()).isEmpty();
        assertThat(watch.check()).contains("Windows session 3 no longer exists");
    }

    @Test
    void session0OrAnUnknownSessionIsNeverAReasonToStop() {
        FakeSessions wts = new FakeSessions();
        wts.own = -1;
        wts.answers.addAll(java.util.List.of("<gone>", "<gone>", "<gone>"));
        SessionWatch watch = new SessionWatch(new WindowsUserPresence(wts));
        for (int i = 0; i < 3; i++) {
            assertThat(watch.check()).isEmpty();
        }
    }

    @Test
    void aFailingQueryKeepsRecording() {
        SessionWatch watch = new SessionWatch(() -> {
            throw new IllegalStateException("WTS busy");
        });
        for (int i = 0; i < 3; i++) {
            assertThat(watch.check()).isEmpty();
        }
        assertThat(new SessionWatch(Optional::empty).check()).isEmpty();
    }
}
