package dev.sessionrecorder.recordings.cli;

import dev.sessionrecorder.core.config.ConfigException;
import java.io.IOException;
import java.io.PrintWriter;
import java.util.concurrent.Callable;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** The error-to-exit-code mapping every subcommand shares, so the codes mean the same everywhere. */
abstract class BaseCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    PrintWriter out() {
        return spec.commandLine().getOut();
    }

    PrintWriter err() {
        return spec.commandLine().getErr();
    }

    abstract int execute() throws Exception;

    @Override
    public final Integer call() {
        try {
            return execute();
        } catch (ConfigException e) {
            err().println("recordings " + spec.name() + ": " + e.getMessage());
            return ExitCodes.BAD_INPUT;
        } catch (SessionArgument.NotFound e) {
            err().println("recordings " + spec.name() + ": " + e.getMessage());
            return ExitCodes.NOT_FOUND;
        } catch (IOException | RuntimeException e) {
            err().println("recordings " + spec.name() + ": " + (e.getMessage() == null ? e.toString() : e.getMessage()));
            return ExitCodes.FAILURE;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            err().println("recordings " + spec.name() + ": interrupted");
            return ExitCodes.FAILURE;
        } catch (Exception e) {
            err().println("recordings " + spec.name() + ": " + e);
            return ExitCodes.FAILURE;
        } finally {
            out().flush();
            err().flush();
        }
    }
}
