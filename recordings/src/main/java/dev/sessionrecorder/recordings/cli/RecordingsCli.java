package dev.sessionrecorder.recordings.cli;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.core.ConsoleAppender;
import dev.sessionrecorder.core.session.RecorderVersion;
import java.io.PrintWriter;
import org.slf4j.LoggerFactory;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** Entry point of the {@code recordings} command: the auditors' and support teams' tool. */
@Command(name = "recordings", mixinStandardHelpOptions = true, versionProvider = RecordingsCli.Version.class,
        description = {"Finds, checks and downloads recorded sessions in S3.",
                "Point it at the bucket with --config recorder.json or --bucket/--region (and --endpoint, --profile)."},
        subcommands = {ListCommand.class, ShowCommand.class, VerifyCommand.class, FetchCommand.class,
                CommandLine.HelpCommand.class},
        footer = {"", ExitCodes.HELP})
public final class RecordingsCli {

    public static void main(String[] args) {
        quietLogging();
        System.exit(run(new PrintWriter(System.out, true), new PrintWriter(System.err, true), args));
    }

    /** Runs the command line and returns its exit code (tests call this instead of main). */
    public static int run(PrintWriter out, PrintWriter err, String... args) {
        CommandLine cl = new CommandLine(new RecordingsCli()).setOut(out).setErr(err)
                .setExecutionExceptionHandler((e, cmd, parsed) -> {
                    cmd.getErr().println("recordings: " + e.getMessage());
                    return ExitCodes.FAILURE;
                });
        return cl.execute(args);
    }

    /**
     * Output on stdout is the tool's answer (tables, JSON): logs go to stderr, warnings only, so
     * {@code recordings list --json | jq} works.
     */
    private static void quietLogging() {
        if (LoggerFactory.getILoggerFactory() instanceof LoggerContext ctx) {
            ch.qos.logback.classic.Logger root = ctx.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
            root.setLevel(Level.WARN);
            root.iteratorForAppenders().forEachRemaining(a -> {
                if (a instanceof ConsoleAppender<?> c) {
                    c.stop();
                    c.setTarget("System.err");
                    c.start();
                }
            });
        }
    }

    static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            return new String[] {"recordings " + RecorderVersion.get()};
        }
    }
}
