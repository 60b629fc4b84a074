package dev.sessionrecorder.installer;

import static dev.sessionrecorder.installer.ScriptsShape.SESSION_START;
import static dev.sessionrecorder.installer.ScriptsShape.SESSION_TERMINATION;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import java.util.Optional;

/**
 * Merges session-recorder's hooks into AppStream's session-scripts {@code config.json}, and takes them
 * out again, as pure functions of the file's text: no I/O, so every case is a table row in a test.
 * {@link SessionScriptsFile} applies the outcome to the real file.
 *
 * <p>AppStream runs at most one system and one user executable per event; another product's user entry
 * stays beside ours, another product's system entry is never overwritten unless {@code replace} says so,
 * and a file we cannot read or whose shape we do not know is never rewritten, whatever the flag. Keys we
 * do not know are kept, in their order. How our own entries are recognised is described on
 * {@link HookFiles}; how the text is laid out on {@code ScriptsText}.
 */
public final class SessionScripts {
    private SessionScripts() {}

    /**
     * Our hooks as each event's system executable, with waitingTime 60 s.
     *
     * @param existing the file's text; empty when there is no file (a blank file counts as none)
     * @param replace take the system slot even when another product's executable holds it
     */
    public static ScriptsOutcome install(Optional<String> existing, HookFiles hooks, boolean replace) {
        try {
            ScriptsText.Loaded loaded = ScriptsText.load(existing);
            ObjectNode root = loaded.root().map(ScriptsShape::root).orElseGet(ScriptsText::newObject);
            InstallMerge merge = new InstallMerge(replace);
            merge.event(root, SESSION_START, hooks.sessionStart());
            merge.event(root, SESSION_TERMINATION, hooks.sessionTermination());
            if (!merge.conflicts().isEmpty()) {
                return conflict(merge.conflicts());
            }
            if (merge.changes().isEmpty()) {
                return new ScriptsOutcome.Unchanged("session-recorder's hooks are already in config.json, as the system "
                        + "executables of SessionStart and SessionTermination with waitingTime 60 s: nothing to do");
            }
            return new ScriptsOutcome.Changed(ScriptsText.print(root, loaded.layout()), merge.changes());
        } catch (Refusal r) {
            return r.outcome();
        }
    }

    /** Takes out every entry of ours (in either event, any context) and leaves the rest. */
    public static ScriptsOutcome uninstall(Optional<String> existing) {
        try {
            ScriptsText.Loaded loaded = ScriptsText.load(existing);
            if (loaded.root().isEmpty()) {
                return new ScriptsOutcome.Unchanged("there is no config.json (or it is empty): nothing to remove");
            }
            ObjectNode root = ScriptsShape.root(loaded.root().get());
            UninstallMerge merge = new UninstallMerge();
            merge.event(root, SESSION_START);
            merge.event(root, SESSION_TERMINATION);
            if (merge.changes().isEmpty()) {
                return new ScriptsOutcome.Unchanged("config.json has no session-recorder hooks: nothing to remove");
            }
            return new ScriptsOutcome.Changed(ScriptsText.print(root, loaded.layout()), merge.changes());
        } catch (Refusal r) {
            return r.outcome();
        }
    }

    private static ScriptsOutcome conflict(List<String> conflicts) {
        return new ScriptsOutcome.Refused(ScriptsOutcome.Refused.Reason.OTHER_SYSTEM_EXECUTABLE,
                String.join("; ", conflicts) + ". AppStream runs only one system executable per event, so session-recorder's "
                        + "hook cannot be added beside it, and nothing was changed. Run again with --replace to put "
                        + "session-recorder's hook in its place (the original file is backed up first), or remove that entry "
                        + "from config.json yourself.");
    }
}
