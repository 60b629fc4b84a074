package dev.sessionrecorder.core.cli;

import dev.sessionrecorder.core.control.RecorderSlots;
import java.util.Optional;
import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** The shared {@code --slot} option of status and stop: which of several recorders on one spool to ask. */
final class SlotOption {
    @Spec(Spec.Target.MIXEE)
    CommandSpec spec;

    @Option(names = "--slot", paramLabel = "NAME",
            description = "The recorder of this slot (e.g. session-3 on a multi-session instance). Default: the single recorder.")
    String slot;

    Optional<String> get() {
        if (slot != null && !RecorderSlots.isValid(slot)) {
            throw new CommandLine.ParameterException(spec.commandLine(), "Invalid --slot \"" + slot
                    + "\": use 1-32 lower-case letters, digits or '-', e.g. session-3 (see the recorder log names).");
        }
        return Optional.ofNullable(slot);
    }
}
