package dev.sessionrecorder.installer;

/** Carries a {@link ScriptsOutcome.Refused} out of the tree walk that found the problem. */
final class Refusal extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private static final String HAND_FIX = "Nothing was changed, and --replace does not overwrite it: fix the file by hand "
            + "(or delete it to start from an empty one), then run this again.";

    private final transient ScriptsOutcome.Refused outcome;

    private Refusal(ScriptsOutcome.Refused outcome) {
        super(outcome.message(), null, false, false);
        this.outcome = outcome;
    }

    static Refusal notJson(String problem) {
        return new Refusal(new ScriptsOutcome.Refused(ScriptsOutcome.Refused.Reason.NOT_JSON,
                "config.json is not valid JSON: " + problem + ". " + HAND_FIX));
    }

    static Refusal wrongShape(String problem) {
        return new Refusal(new ScriptsOutcome.Refused(ScriptsOutcome.Refused.Reason.WRONG_SHAPE,
                "config.json is JSON but not in the shape AppStream reads: " + problem + " (AppStream expects "
                        + "{\"SessionStart\": {\"executables\": [...], \"waitingTime\": 60}, \"SessionTermination\": {...}}). "
                        + HAND_FIX));
    }

    ScriptsOutcome.Refused outcome() {
        return outcome;
    }
}
