package dev.sessionrecorder.hooks;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** Entry point of the AppStream session scripts: {@code session-start} and {@code session-end}. */
@Command(name = "session-hooks", mixinStandardHelpOptions = true,
        description = "AppStream / WorkSpaces Pools session scripts: start the recorder in the user's session, and stop it "
                + "with everything uploaded, each within AppStream's 60 s limit.",
        subcommands = {SessionStartCommand.class, SessionEndCommand.class, CommandLine.HelpCommand.class},
        footer = {"", HookExit.HELP})
public final class HooksCli {
    public static void main(String[] args) {
        System.exit(run(args));
    }

    public static int run(String... args) {
        return new CommandLine(new HooksCli()).execute(args);
    }
}
