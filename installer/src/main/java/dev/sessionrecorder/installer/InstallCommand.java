package dev.sessionrecorder.installer;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.sessionrecorder.core.config.ConfigException;
import dev.sessionrecorder.core.config.ConfigLoader;
import dev.sessionrecorder.core.config.RecorderConfig;
import dev.sessionrecorder.core.spool.Json;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(name = "install", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Installs session-recorder under --root from this distribution (with a Java runtime from --jre or its jre\\), writes and validates recorder.json, "
                + "locks the folders to SYSTEM and Administrators, adds the hooks to AppStream's session scripts, then runs "
                + "doctor. Running it again with the same input changes nothing."},
        footer = {"", InstallerCli.EXIT_CODES})
final class InstallCommand implements Callable<Integer> {
    @Mixin
    RootOption where = new RootOption();

    @Option(names = "--from", paramLabel = "DIR", description = "The unpacked distribution (default: the folder this installer runs from).")
    Path from;

    @Option(names = "--config", paramLabel = "FILE", description = "A recorder.json to install; the flags below override its fields.")
    Path config;

    @Option(names = "--bucket", paramLabel = "NAME", description = "S3 bucket (s3.bucket).")
    String bucket;

    @Option(names = "--region", paramLabel = "REGION", description = "The bucket's region (s3.region).")
    String region;

    @Option(names = "--prefix", paramLabel = "PREFIX", description = "Key prefix (s3.prefix).")
    String prefix;

    @Option(names = "--endpoint", paramLabel = "URL", description = "S3-compatible endpoint or VPC endpoint (s3.endpoint).")
    String endpoint;

    @Option(names = "--path-style", description = "Path-style addressing (s3.pathStyle).")
    Boolean pathStyle;

    @Option(names = "--profile", paramLabel = "NAME", description = "AWS profile the recorder on every fleet instance will use "
            + "(s3.profile) instead of appstream_machine_role; for doctor's own S3 check on this machine use --doctor-profile.")
    String profile;

    @Option(names = "--profile-file", paramLabel = "FILE", description = "AWS config/credentials file the recorder reads its "
            + "profile from (s3.profileFile) instead of SYSTEM's .aws files.")
    String profileFile;

    @Mixin
    DoctorCredentials doctorCredentials = new DoctorCredentials();

    @Option(names = "--kms-key", paramLabel = "KEY", description = "Encrypt every object with this KMS key (s3.encryption aws:kms, s3.kmsKeyId).")
    String kmsKey;

    @Option(names = "--fps", paramLabel = "N", description = "Frames per second (recording.fps).")
    Integer fps;

    @Option(names = "--chunk-seconds", paramLabel = "S", description = "Chunk length (recording.chunkSeconds).")
    Integer chunkSeconds;

    @Option(names = "--jre", paramLabel = "FILE.zip", description = "A JDK or JRE zip (e.g. Amazon Corretto 17 for Windows x64) to "
            + "put in jre\\, the only java the SYSTEM hooks run (never one from the PATH); checked against --jre-sha256 before anything changes.")
    Path jre;

    @Option(names = "--jre-sha256", paramLabel = "HEX", description = "The SHA-256 its vendor publishes for the --jre zip.")
    String jreSha256;

    @Option(names = "--replace", description = "Take the system slot in the session scripts even if another product's executable holds it.")
    boolean replace;

    @Option(names = "--skip-doctor", description = "Do not run doctor at the end (for building images offline; run it before the snapshot).")
    boolean skipDoctor;

    /** The lock for a root; tests give a Windows lock over a fake Win32 layer. */
    java.util.function.Function<Path, FolderLock> locks = FolderLock::forThisPlatform;

    @Override
    public Integer call() throws Exception {
        if ((jre == null) != (jreSha256 == null)) {
            System.err.println(jre == null ? "--jre-sha256 was given without --jre, so there is no runtime to check it against. Fix: add "
                    + "--jre FILE.zip (the JDK or JRE zip it is the checksum of), or drop --jre-sha256; nothing installed"
                    : "--jre " + jre + " was given without --jre-sha256: SYSTEM will run the java in that zip, so it must be the file "
                    + "its vendor published. Fix: add --jre-sha256 with the SHA-256 published for it; nothing installed");
            return InstallerCli.BAD_INPUT;
        }
        if (doctorCredentials.invalid().isPresent()) {
            System.err.println(doctorCredentials.invalid().get() + "; nothing installed");
            return InstallerCli.BAD_INPUT;
        }
        if (profile != null) {
            // The image builder's own profile rarely exists on the fleet; people reach for --profile to make doctor pass.
            System.err.println("Warning: --profile " + profile + " pins the fleet's credentials: the recorder on every instance "
                    + "made from this image will use profile " + profile + ", not appstream_machine_role (for doctor's own S3 "
                    + "check use --doctor-profile)");
        }
        Layout layout = where.layout();
        Path dist = from != null ? from.toAbsolutePath() : InstallerCli.distribution();
        if (!Files.isDirectory(dist.resolve("bin")) || !Files.isDirectory(dist.resolve("lib"))) {
            System.err.println("Not a session-recorder distribution: " + dist + " has no bin/ and lib/. Fix: run the installer from "
                    + "the unpacked zip, or give it with --from");
            return InstallerCli.BAD_INPUT;
        }
        // Everything that can be refused is checked before the first change, so a refusal leaves the machine as it was.
        Optional<SessionScriptsFile> scripts = where.sessionScripts();
        HookFiles hooks = HookFiles.under(layout.root().toString());
        if (scripts.isPresent() && scripts.get().checkInstall(hooks, replace) instanceof ScriptsOutcome.Refused refused) {
            System.err.println("Nothing installed: " + refused.message());
            return InstallerCli.REFUSED;
        }
        // Before the configuration is parsed: validating it creates the spool and log folders (to prove they are
        // writable), and a run that is not elevated would create them, and the root, open to Users.
        FolderLock lock = locks.apply(layout.root());
        Optional<String> cannotRoot = lock.cannotLock(List.of(layout.root()));
        if (cannotRoot.isPresent()) {
            System.err.println(cannotRoot.get());
            return InstallerCli.REFUSED;
        }
        String recorderJson;
        RecorderConfig cfg;
        try {
            recorderJson = Json.mapper().writerWithDefaultPrettyPrinter().writeValueAsString(draft(layout)) + System.lineSeparator();
            cfg = ConfigLoader.forThisPlatform().parse("recorder.json", recorderJson, layout.config());
        } catch (ConfigException e) {
            System.err.println("Invalid configuration, nothing installed: " + e.getMessage());
            return InstallerCli.BAD_INPUT;
        } catch (IOException e) {
            System.err.println("Cannot read " + config + ", nothing installed: " + e.getMessage());
            return InstallerCli.BAD_INPUT;
        }

        // Again with the spool and log folders the configuration names, which may lie outside the root.
        Optional<String> cannot = lock.cannotLock(layout.lockedFolders(cfg));
        if (cannot.isPresent()) {
            System.err.println(cannot.get());
            return InstallerCli.REFUSED;
        }

        Optional<RuntimeSwap.Source> runtime;
        try {
            runtime = runtimeSource(dist);
        } catch (RuntimeRefused e) {
            System.err.println(e.getMessage());
            return InstallerCli.BAD_INPUT;
        }

        List<String> changes = new ArrayList<>();
        // Locked before anything is copied in: a folder created under C:\ inherits write access for Authenticated
        // Users, who could otherwise add a file of their own (which they would keep owning) before the lock.
        for (Path folder : layout.lockedFolders(cfg)) {
            boolean existed = Files.isDirectory(folder);
            boolean wasLocked = existed && lock.verify(folder).ok();
            lock.restrict(folder);
            if (!wasLocked) {
                changes.add("locked " + folder + (InstallerCli.WINDOWS ? " to SYSTEM and Administrators" : " to its owner (0700)"));
            }
        }
        changes.addAll(Layout.mirror(dist.resolve("bin"), layout.bin()));
        changes.addAll(Layout.mirror(dist.resolve("lib"), layout.lib()));
        // Inside the locked cache/, so they inherit its lock; the launchers point jna.tmpdir and java.io.tmpdir here,
        // and a --jre zip is copied into tmp/ before it is read again.
        for (Path temp : List.of(layout.jnaTemp(), layout.javaTemp())) {
            if (!Files.isDirectory(temp)) {
                Files.createDirectories(temp);
                changes.add("created " + temp);
            }
        }
        if (runtime.isPresent()) {
            List<String> swapped;
            try (RuntimeSwap.Source pinned = runtime.get().pinnedIn(layout.javaTemp())) {
                swapped = RuntimeSwap.install(layout, pinned);
            } catch (RuntimeRefused e) {
                System.err.println(e.getMessage());
                return InstallerCli.BAD_INPUT;
            }
            if (!swapped.isEmpty()) {
                lock.restrict(layout.jre()); // a renamed folder keeps the ACL it was made with, not the protected one
                changes.addAll(swapped);
            }
        }
        if (Layout.writeIfDifferent(layout.recorderJson(), recorderJson)) {
            changes.add("wrote " + layout.recorderJson());
        }
        // Again, now that everything is written: what this process created belongs to its default owner, which is the
        // administrator's own account rather than Administrators where policy says "object creator" (Windows 10/11).
        for (Path folder : layout.lockedFolders(cfg)) {
            lock.restrict(folder);
        }
        if (scripts.isPresent()) {
            ScriptsOutcome outcome = scripts.get().install(hooks, replace);
            if (outcome instanceof ScriptsOutcome.Changed changed) {
                changed.changes().forEach(c -> changes.add(scripts.get().path() + ": " + c));
            } else if (outcome instanceof ScriptsOutcome.Refused refused) {
                // Changed between the check above and now (another installer?): say so, do not guess.
                System.err.println(scripts.get().path() + ": " + refused.message());
                return InstallerCli.REFUSED;
            }
        }
        System.out.println(changes.isEmpty() ? "Installed at " + layout.root() + ": nothing changed (already installed this way)."
                : "Installed at " + layout.root() + ":\n  " + String.join("\n  ", changes));
        if (skipDoctor) {
            System.out.println("Doctor skipped; run `installer doctor --root " + layout.root() + "` before snapshotting the image.");
            return InstallerCli.OK;
        }
        return new Doctor(layout, scripts, where.machinePath(), doctorCredentials).run(System.out) ? InstallerCli.OK : InstallerCli.DOCTOR_FAILED;
    }

    /**
     * The runtime to put in jre/: the --jre zip, checked; else the distribution's own jre/ when it has one;
     * else none, and a jre/ an earlier install put there stays.
     */
    private Optional<RuntimeSwap.Source> runtimeSource(Path dist) throws RuntimeRefused {
        if (jre != null) {
            return Optional.of(RuntimeZip.check(jre.toAbsolutePath(), jreSha256, InstallerCli.WINDOWS));
        }
        Path bundled = dist.resolve("jre");
        if (!Files.isDirectory(bundled)) {
            return Optional.empty();
        }
        Path java = JavaCheck.bundled(new Layout(dist), InstallerCli.WINDOWS);
        if (!Files.isRegularFile(java)) {
            throw new RuntimeRefused("The distribution's " + bundled + " has no " + dist.relativize(java) + ", so it is not a whole "
                    + "runtime. Fix: unpack the whole JDK or JRE there (its bin\\ directly under jre\\), or remove the folder and use "
                    + "--jre FILE.zip --jre-sha256 HEX; nothing installed");
        }
        return Optional.of(new RuntimeSwap.Folder(bundled));
    }

    /** recorder.json from --config (if given) with the flags applied; spool and logs default into the layout. */
    private ObjectNode draft(Layout layout) throws IOException, ConfigException {
        ObjectNode cfg;
        if (config != null) {
            JsonNode read = Json.mapper().readTree(config.toFile());
            if (!(read instanceof ObjectNode o)) {
                throw new ConfigException("", config + " is not a JSON object. Fix: give a recorder.json like the one in config/");
            }
            cfg = o;
        } else {
            cfg = Json.mapper().createObjectNode();
        }
        ObjectNode s3 = object(cfg, "s3");
        put(s3, "bucket", bucket);
        put(s3, "region", region);
        put(s3, "prefix", prefix);
        put(s3, "endpoint", endpoint);
        put(s3, "profile", profile);
        put(s3, "profileFile", profileFile);
        if (pathStyle != null) {
            s3.put("pathStyle", pathStyle);
        }
        if (kmsKey != null) {
            s3.put("encryption", "aws:kms").put("kmsKeyId", kmsKey);
        }
        ObjectNode recording = object(cfg, "recording");
        if (fps != null) {
            recording.put("fps", fps);
        }
        if (chunkSeconds != null) {
            recording.put("chunkSeconds", chunkSeconds);
        }
        if (!object(cfg, "spool").has("dir")) {
            object(cfg, "spool").put("dir", layout.spool().toString());
        }
        if (!object(cfg, "logs").has("dir")) {
            object(cfg, "logs").put("dir", layout.logs().toString());
        }
        return cfg;
    }

    private static ObjectNode object(ObjectNode parent, String name) throws ConfigException {
        JsonNode n = parent.get(name);
        if (n == null) {
            return parent.putObject(name);
        }
        if (!(n instanceof ObjectNode o)) {
            throw new ConfigException(name, "\"" + name + "\" must be a JSON object. Fix: see the README's configuration table");
        }
        return o;
    }

    private static void put(ObjectNode o, String field, String value) {
        if (value != null) {
            o.put(field, value);
        }
    }
}
