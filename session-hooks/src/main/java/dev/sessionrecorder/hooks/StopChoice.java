package dev.sessionrecorder.hooks;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * Which running recorders a SessionTermination hook stops. AppStream runs the hook of each ending
 * session, on a multi-session instance while other users go on working, and a system-context hook is
 * not told whose session ended. AppStream runs it before Windows logs the user off, so the ending
 * session is still there. Hence, in order:
 * <ol>
 *   <li>{@code --all}: every recorder (an operator draining the instance).</li>
 *   <li>the hook knows its session (on X, $DISPLAY): that session's recorder only.</li>
 *   <li>a recorder whose session has no user any more: its user is gone, stop it.</li>
 *   <li>at most one user session left on the instance (every single-session fleet): stop them all.</li>
 *   <li>otherwise leave the others running: stopping one that still records a user would end that user's
 *       recording, and a disconnected user may come back. Their recorders end with their own
 *       session; what they leave is uploaded by the next hook or recorder on the instance.</li>
 * </ol>
 */
final class StopChoice {
    /**
     * One running recorder: its slot, its Windows session (or X display) when the slot names one, and the
     * id of the recording it makes (from its status), which the summary reports even if the stop times out.
     */
    record Running(String slot, Optional<Integer> session, String recording) {}

    /** The decision for one recorder, with the reason session-end prints. */
    record Decision(Running recorder, boolean stop, String reason) {}

    private StopChoice() {}

    /** Every recorder, for {@code reason}, without asking the platform anything. */
    static List<Decision> all(List<Running> running, String reason) {
        return running.stream().map(r -> new Decision(r, true, reason)).toList();
    }

    static List<Decision> decide(List<Running> running, SessionLocator locator, boolean all) {
        if (all) {
            return all(running, "--all");
        }
        List<Decision> out = new ArrayList<>();
        Optional<Integer> own = locator.sessionOfThisHook();
        Map<Running, Boolean> present = new LinkedHashMap<>();
        Set<Integer> users = new TreeSet<>();
        locator.activeSessions().forEach(s -> users.add(s.id()));
        for (Running r : running) {
            boolean here = r.session().map(locator::hasUser).orElse(false);
            present.put(r, here);
            if (here) {
                users.add(r.session().get());
            }
        }
        for (Running r : running) {
            String which = r.session().map(n -> "session " + n).orElse("no session (slot " + r.slot() + ")");
            if (own.isPresent()) {
                boolean mine = r.session().equals(own);
                out.add(new Decision(r, mine, mine ? "this hook's session" : "another session (" + which + ")"));
            } else if (!present.get(r) && r.session().isPresent()) {
                out.add(new Decision(r, true, which + " has no user any more"));
            } else if (users.size() <= 1) {
                out.add(new Decision(r, true, users.isEmpty() ? "no user session is left" : "the only user session on this instance"));
            } else {
                out.add(new Decision(r, false, which + " still has its user, and " + users.size()
                        + " user sessions are on this instance; it ends with its own session"));
            }
        }
        return out;
    }
}
