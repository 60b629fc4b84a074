package dev.sessionrecorder.installer;

import java.net.URISyntaxException;
import java.nio.file.Path;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** {@code installer install | doctor | uninstall}: bakes session-recorder into an image and checks it before the snapshot. */
@Command(name = "installer", mixinStandardHelpOptions = true,
        description = "Installs, checks and removes session-recorder on an image builder.",
        subcommands = {InstallCommand.class, DoctorCommand.class, UninstallCommand.class},
        footer = {"", InstallerCli.EXIT_CODES})
public final class InstallerCli implements Runnable {
    static final boolean WINDOWS = System.getProperty("os.name", "").toLowerCase(java.util.Locale.ROOT).startsWith("windows");

    static final int OK = 0;
    static final int FAILURE = 1;
    static final int BAD_INPUT = 2;
    static final int REFUSED = 3;
    static final int DOCTOR_FAILED = 4;

    static final String EXIT_CODES = """
            Exit codes:
              0  done (install and doctor: every check passed)
              1  unexpected failure
              2  bad configuration, flags, distribution or --jre zip, or uninstall run from the installation itself; nothing was changed
              3  refused: not elevated, a junction or a folder owned by someone else above the root, the AppStream session
                 scripts hold another product's hook (see --replace) or cannot be read, or uninstall found folders in use;
                 nothing was changed
              4  doctor found a FAIL (each is printed with its fix)""";

    public static void main(String[] args) {
        System.exit(new CommandLine(new InstallerCli()).execute(args));
    }

    @Override
    public void run() {
        CommandLine.usage(this, System.out);
    }

    /** The unpacked distribution this installer runs from: the folder above the lib/ holding its jar. */
    static Path distribution() {
        try {
            Path jar = Path.of(InstallerCli.class.getProtectionDomain().getCodeSource().getLocation().toURI());
            return jar.getParent().getParent();
        } catch (URISyntaxException | RuntimeException e) {
            return Path.of("").toAbsolutePath();
        }
    }
}
