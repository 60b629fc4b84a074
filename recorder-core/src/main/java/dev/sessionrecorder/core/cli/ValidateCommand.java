package dev.sessionrecorder.core.cli;

import dev.sessionrecorder.core.config.ConfigException;
import dev.sessionrecorder.core.config.RecorderConfig;
import dev.sessionrecorder.core.encode.EncoderSettings;
import dev.sessionrecorder.core.encode.Encoders;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

@Command(name = "validate", mixinStandardHelpOptions = true,
        description = "Checks the configuration file and prints the effective settings; starts nothing.",
        footer = {"", ExitCodes.HELP})
final class ValidateCommand implements Callable<Integer> {
    @Mixin
    ConfigOption config = new ConfigOption();

    @Override
    public Integer call() {
        try {
            RecorderConfig cfg = config.load();
            System.out.println("OK: " + config.file);
            System.out.println("  s3:        s3://" + cfg.s3().bucket() + "/" + cfg.s3().prefix() + " (" + cfg.s3().region()
                    + cfg.s3().endpoint().map(e -> ", endpoint " + e).orElse("") + ")");
            System.out.println("  recording: " + cfg.recording().fps() + " fps, chunks of " + cfg.recording().chunkLength().toSeconds() + " s");
            EncoderSettings e = EncoderSettings.from(cfg.video(), cfg.recording().fps(), Encoders.resolve(cfg.video().encoder()));
            System.out.println("  video:     " + e.encoder() + (cfg.video().encoder().equals("auto") ? " (auto)" : "") + " " + e.describe()
                    + ", keyframe every " + cfg.video().keyframeSeconds() + " s");
            System.out.println("  spool:     " + cfg.spool().dir() + " (max " + cfg.spool().maxBytes() + " bytes)");
            System.out.println("  logs:      " + cfg.logDir());
            RecorderConfig.Activity a = cfg.activity();
            // The operator checking a config should see at a glance whether window titles leave the machine.
            System.out.println("  activity:  " + (!a.enabled() ? "off" : "every " + a.poll().toMillis() + " ms, idle after "
                    + a.idleAfter().toSeconds() + " s, window titles " + (!a.windowTitles() ? "off"
                    : a.redact().isEmpty() ? "on" : "on, " + a.redact().size() + " redaction rule(s)")));
            return ExitCodes.OK;
        } catch (ConfigException e) {
            System.err.println("Invalid configuration: " + e.getMessage());
            return ExitCodes.BAD_CONFIG;
        }
    }
}
