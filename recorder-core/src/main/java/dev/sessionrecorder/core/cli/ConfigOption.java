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
        return cfg.spool().dir().resolve("recorder.sock");
    }
}
