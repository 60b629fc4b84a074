package dev.sessionrecorder.installer;

import dev.sessionrecorder.core.config.ConfigException;
import dev.sessionrecorder.core.config.ConfigLoader;
import dev.sessionrecorder.core.config.RecorderConfig;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Checks an installation the way a session will use it, so a mistake shows on the image builder and
 * not as a missing recording: the config, Java, the native libraries, the folder locks, S3 with the
 * configured credentials (or doctor's own), the credentials the recorder will find as SYSTEM, and a
 * short real capture. Prints one line per check and, for each FAIL, the fix. Checks after a failed config are skipped: they all depend on it.
 */
final class Doctor {
    enum Status {
        /** Works as a session needs it. */
        PASS,
        /** Works for recording, but something around it is not as recommended. */
        WARN,
        /** A session would not be recorded, or not safely. */
        FAIL
    }

    record Check(String name, Status status, String detail, String fix) {
        static Check pass(String name, String detail) {
            return new Check(name, Status.PASS, detail, "");
        }

        static Check warn(String name, String detail, String fix) {
            return new Check(name, Status.WARN, detail, fix);
        }

        static Check fail(String name, String detail, String fix) {
            return new Check(name, Status.FAIL, detail, fix);
        }
    }

    private final Layout layout;
    private final Optional<SessionScriptsFile> sessionScripts;
    private final MachinePath machinePath;
    private final DoctorCredentials credentials;

    Doctor(Layout layout, Optional<SessionScriptsFile> sessionScripts, MachinePath machinePath, DoctorCredentials credentials) {
        this.layout = layout;
        this.sessionScripts = sessionScripts;
        this.machinePath = machinePath;
        this.credentials = credentials;
    }

    /** Runs every check, prints the table; true when nothing failed. */
    boolean run(PrintStream out) {
        List<Check> checks = checks();
        out.println();
        out.println("Doctor: " + layout.root());
        int width = checks.stream().mapToInt(c -> c.name().length()).max().orElse(10);
        for (Check c : checks) {
            out.printf(Locale.ROOT, "  %-4s  %-" + width + "s  %s%n", c.status(), c.name(), c.detail());
            if (!c.fix().isEmpty()) {
                out.printf(Locale.ROOT, "  %-4s  %-" + width + "s  fix: %s%n", "", "", c.fix());
            }
        }
        long failed = checks.stream().filter(c -> c.status() == Status.FAIL).count();
        out.println(failed == 0 ? "All checks passed." : failed + " check(s) FAILED: sessions on this image would not be recorded as configured.");
        return failed == 0;
    }

    List<Check> checks() {
        List<Check> checks = new ArrayList<>();
        Optional<RecorderConfig> cfg = config(checks);
        checks.add(new JavaCheck(layout, machinePath, InstallerCli.WINDOWS).run());
        checks.add(LauncherCheck.run(layout, InstallerCli.WINDOWS));
        if (cfg.isEmpty()) {
            return checks;
        }
        checks.add(DoctorProbes.natives(cfg.get()));
        checks.add(folders(cfg.get()));
        checks.addAll(new S3Probe(cfg.get().s3(), credentials).run());
        // The S3 check ran as the administrator; this one looks where the recorder will look as SYSTEM.
        checks.addAll(new RecorderCredentialsCheck(RecorderAccount.forThisPlatform(), new Imds()).run(cfg.get().s3()));
        checks.add(DoctorProbes.capture(cfg.get(), layout.spool()));
        sessionScripts.ifPresent(s -> checks.add(hooks(s)));
        return checks;
    }

    private Optional<RecorderConfig> config(List<Check> checks) {
        Path file = layout.recorderJson();
        try {
            RecorderConfig cfg = ConfigLoader.forThisPlatform().load(file);
            checks.add(Check.pass("config", file + ": valid; s3://" + cfg.s3().bucket() + "/" + cfg.s3().prefix() + " in " + cfg.s3().region()));
            return Optional.of(cfg);
        } catch (ConfigException e) {
            checks.add(Check.fail("config", e.getMessage(), "correct " + file + " (or run install again with the right flags)"));
            return Optional.empty();
        }
    }

    /** Our hooks are in the session scripts exactly as install writes them (a later edit or another installer may have dropped them). */
    private Check hooks(SessionScriptsFile scripts) {
        try {
            ScriptsOutcome o = scripts.checkInstall(HookFiles.under(layout.root().toString()), false);
            if (o instanceof ScriptsOutcome.Unchanged) {
                return Check.pass("hooks", scripts.path() + " runs session-start and session-end as SYSTEM, waitingTime 60 s");
            }
            String why = o instanceof ScriptsOutcome.Changed c ? "install would change it: " + String.join("; ", c.changes())
                    : ((ScriptsOutcome.Refused) o).message();
            return Check.fail("hooks", scripts.path() + ": sessions would not be recorded; " + why, "run install again (with --replace if "
                    + "another product took the system slot)");
        } catch (java.io.IOException e) {
            return Check.fail("hooks", "cannot read " + scripts.path() + ": " + e.getMessage(), "check the file and its permissions");
        }
    }

    private Check folders(RecorderConfig cfg) {
        FolderLock lock = FolderLock.forThisPlatform(layout.root());
        java.util.Set<Path> folders = layout.lockedFolders(cfg);
        List<String> problems = new ArrayList<>();
        for (Path f : folders) {
            problems.addAll(lock.verify(f).problems());
        }
        for (Path f : layout.contentChecked()) {
            problems.addAll(lock.verifyContents(f).problems());
        }
        String who = InstallerCli.WINDOWS ? "SYSTEM and Administrators" : "their owner (0700)";
        return problems.isEmpty() ? Check.pass("folders", folders.size() + " folders closed to everyone but " + who)
                : Check.fail("folders", String.join("; ", problems), "run install again as Administrator (root on Linux)");
    }
}
