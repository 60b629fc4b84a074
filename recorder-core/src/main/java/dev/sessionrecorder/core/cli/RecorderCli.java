package dev.sessionrecorder.core.cli;

import dev.sessionrecorder.core.session.RecorderVersion;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** Entry point of the {@code recorder} command. */
@Command(name = "recorder", mixinStandardHelpOptions = true, versionProvider = RecorderCli.Version.class,
        description = "Records this machine's desktop into chunks and uploads them to S3.",
        subcommands = {RecordCommand.class, StopCommand.class, StatusCommand.class, DrainCommand.class, ValidateCommand.class,
                CommandLine.HelpCommand.class},
        footer = {"", ExitCodes.HELP})
public final class RecorderCli {

    public static void main(String[] args) {
        System.exit(run(args));
    }

    /** Runs the command line and returns its exit code (tests call this instead of main). */
    public static int run(String... args) {
        return new CommandLine(new RecorderCli()).execute(args);
    }

    static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            return new String[] {"recorder " + RecorderVersion.get()};
        }
    }
}
