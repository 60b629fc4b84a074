package dev.sessionrecorder.core.cli;

import dev.sessionrecorder.core.config.ConfigException;
import dev.sessionrecorder.core.config.ConfigLoader;
import dev.sessionrecorder.core.config.RecorderConfig;
import java.nio.file.Path;
import picocli.CommandLine.Option;

/** The shared {@code --config} option. */
final class ConfigOption {
    @Option(names = {"-c", "--config"}, paramLabel = "FILE", defaultValue = "recorder.json",
            description = "Recorder configuration (default: ${DEFAULT-VALUE}).")
    Path file;

    RecorderConfig load() throws ConfigException {
        return ConfigLoader.forThisPlatform().load(file);
    }

    static Path socket(RecorderConfig cfg) {
        return socket(cfg, java.util.Optional.empty());
    }

    /** The control endpoint of {@code slot}'s recorder, or of the single recorder. */
    static Path socket(RecorderConfig cfg, java.util.Optional<String> slot) {
        return dev.sessionrecorder.core.control.RecorderSlots.endpoint(cfg.spool().dir(), slot);
    }
}
