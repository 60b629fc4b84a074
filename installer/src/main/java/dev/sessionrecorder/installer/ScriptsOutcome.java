package dev.sessionrecorder.installer;

import java.util.List;

/** What a merge into (or removal from) AppStream's session-scripts {@code config.json} comes to. */
public sealed interface ScriptsOutcome {

    /** The file must be rewritten with {@code text}; {@code changes} says what changed, one line each. */
    record Changed(String text, List<String> changes) implements ScriptsOutcome {
        public Changed {
            changes = List.copyOf(changes);
        }
    }

    /** The file already says what we want; it is not rewritten, so running twice touches nothing. */
    record Unchanged(String reason) implements ScriptsOutcome {}

    /** The file is left exactly as it is; {@code message} names the problem and the fix. */
    record Refused(Reason reason, String message) implements ScriptsOutcome {

        public enum Reason {
            /** Another product holds the system slot of an event; {@code --replace} would take it over. */
            OTHER_SYSTEM_EXECUTABLE,
            /** The file is not JSON text we can read; a person must fix it, {@code --replace} does not. */
            NOT_JSON,
            /** The file is JSON but not in AppStream's shape; a person must fix it, {@code --replace} does not. */
            WRONG_SHAPE
        }
    }
}
