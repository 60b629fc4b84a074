package dev.sessionrecorder.installer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.sessionrecorder.core.control.ControlClient;
import dev.sessionrecorder.core.spool.FileHash;
import dev.sessionrecorder.core.spool.Json;
import dev.sessionrecorder.devkit.EmbeddedS3;
import dev.sessionrecorder.devkit.JavaProcess;
import dev.sessionrecorder.devkit.XvncDisplay;
import java.io.File;
import java.io.OutputStream;
import java.nio.file.FileSystem;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.jar.JarOutputStream;
import java.util.spi.ToolProvider;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.DisabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.api.io.TempDir;

/**
 * An install whose only Java is the runtime install put in jre/: a real small runtime made with this JDK's
 * jlink (once for the class), zipped under a top folder as vendors do, installed with --jre and its SHA-256
 * from a real distribution (the Linux launchers, the jars of this build). The installed launchers then run
 * with a PATH that holds only the few tools they call and no java, and must still record to S3.
 */
@DisabledOnOs(OS.WINDOWS)
class InstalledRuntimeTest {
    /**
     * What the product needs from the JDK: jdeps on the distribution, plus what only a run shows (jdk.random for
     * RandomGenerator.getDefault(), which the uploader's backoff uses), jdk.crypto.ec for TLS and jdk.zipfs for --jre.
     */
    private static final String MODULES = String.join(",", JavaCheck.REQUIRED_MODULES);

    @TempDir
    static Path dir;
    static EmbeddedS3 s3;
    static XvncDisplay x;
    static Path runtimeZip;
    static String runtimeSha;
    static Path dist;
    /** A PATH with no java: only what the launchers and session-start call. */
    static Path tools;
    static Path root;
    static Path scripts;
    static Run installed;

    @BeforeAll
    static void installWithOnlyTheBundledRuntime() throws Exception {
        assumeTrue(XvncDisplay.available(), "Xvnc (tigervnc-standalone-server) is needed to record");
        s3 = EmbeddedS3.start(dir.resolve("s3"), "recordings");
        x = XvncDisplay.start(1280, 720, dir.resolve("xvnc.log"));
        x.startWorkload();
        runtimeZip = zipUnderTopFolder(jlink(dir.resolve("runtime")), dir.resolve("test-jre-17.zip"), "test-jre-17/");
        runtimeSha = FileHash.hex(FileHash.sha256(runtimeZip));
        dist = distribution(dir.resolve("dist"));
        tools = toolsOnly(dir.resolve("tools"), "dirname", "mkdir", "setsid");
        root = dir.resolve("root");
        scripts = dir.resolve("AppStream").resolve("config.json");
        installed = installer(install("--jre", runtimeZip.toString(), "--jre-sha256", runtimeSha));
    }

    @AfterAll
    static void stop() throws Exception {
        if (x != null) {
            x.close();
        }
        if (s3 != null) {
            s3.close();
        }
    }

    @Test
    void doctorFindsJavaOnlyInJreAndTheInstalledHooksRecordWithIt() throws Exception {
        assertThat(installed.exit()).as(installed.output()).isZero();
        assertThat(installed.output()).contains("put the Java runtime from " + runtimeZip + " in " + root.resolve("jre"))
                .contains("PASS  java").contains("at " + root.resolve("jre/bin/java") + ", the install's own runtime")
                .contains("PASS  launchers").contains("All checks passed");
        assertThat(root.resolve("cache/jna")).isDirectory();
        assertThat(root.resolve("cache/tmp")).isDirectory();
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(root.resolve("jre")))).isEqualTo("rwx------");

        Run start = launcher("session-start", "--session-id", "bundled-1");
        assertThat(start.exit()).as(start.output()).isZero();
        assertThat(start.output()).contains("Recording session bundled-1");
        String display = x.display();
        Path endpoint = dev.sessionrecorder.core.control.RecorderSlots.endpoint(root.resolve("spool"), java.util.Optional.of(
                dev.sessionrecorder.core.control.RecorderSlots.forSession(Integer.parseInt(display.substring(display.lastIndexOf(':') + 1)))));
        JsonNode status = Json.mapper().readTree(ControlClient.send(endpoint, "status", Duration.ofSeconds(5)));
        long pid = status.path("pid").asLong();
        assertThat(status.path("framesCaptured").asLong()).isPositive();
        assertThat(ProcessHandle.of(pid).flatMap(p -> p.info().command()).map(Path::of))
                .as("the recorder runs on the installed runtime").contains(root.resolve("jre/bin/java").toRealPath());

        Run end = launcher("session-end");
        assertThat(end.exit()).as(end.output()).isZero();
        assertThat(end.output()).contains("session bundled-1:").contains("Everything recorded is in s3://recordings/recordings");
        try (var client = s3.client()) {
            assertThat(client.listObjectsV2(b -> b.bucket("recordings")).contents()).anyMatch(o -> o.key().endsWith(".mp4"));
        }
    }

    @Test
    void installingTheSameZipAgainChangesNothing() throws Exception {
        Map<Path, FileTime> before = times(root.resolve("jre"));

        Run again = installer(install("--jre", runtimeZip.toString(), "--jre-sha256", runtimeSha, "--skip-doctor"));

        assertThat(again.exit()).as(again.output()).isZero();
        assertThat(again.output()).contains("nothing changed");
        assertThat(times(root.resolve("jre"))).isEqualTo(before);
    }

    @Test
    void aWrongChecksumChangesNothing() throws Exception {
        Map<Path, FileTime> before = times(root);
        String wrong = "0".repeat(64);

        Run bad = installer(install("--jre", runtimeZip.toString(), "--jre-sha256", wrong));

        assertThat(bad.exit()).isEqualTo(InstallerCli.BAD_INPUT);
        assertThat(bad.output()).contains("has SHA-256 " + runtimeSha + ", not " + wrong).contains("nothing was changed");
        assertThat(times(root)).isEqualTo(before);
    }

    @Test
    void aZipWithAnEntryOutsideItsFolderIsRefused() throws Exception {
        Path evil = dir.resolve("evil.zip");
        try (OutputStream out = Files.newOutputStream(evil); ZipOutputStream z = new ZipOutputStream(out)) {
            for (String name : List.of("jdk/bin/java", "jdk/../../evil")) {
                z.putNextEntry(new ZipEntry(name));
                z.write('x');
                z.closeEntry();
            }
        }
        Map<Path, FileTime> before = times(root);

        Run bad = installer(install("--jre", evil.toString(), "--jre-sha256", FileHash.hex(FileHash.sha256(evil))));

        assertThat(bad.exit()).as(bad.output()).isEqualTo(InstallerCli.BAD_INPUT);
        assertThat(bad.output()).contains("--jre " + evil).contains("nothing was changed");
        assertThat(times(root)).isEqualTo(before);
        try (Stream<Path> all = Files.walk(dir.getParent(), 3)) {
            assertThat(all.filter(p -> p.getFileName() != null && p.getFileName().toString().equals("evil"))).isEmpty();
        }
    }

    @Test
    void aChecksumWithoutAZipAndAZipWithoutAChecksumNameTheMissingFlag() throws Exception {
        Run noZip = installer(install("--jre-sha256", runtimeSha, "--skip-doctor"));
        Run noSha = installer(install("--jre", runtimeZip.toString(), "--skip-doctor"));

        assertThat(noZip.exit()).isEqualTo(InstallerCli.BAD_INPUT);
        assertThat(noZip.output()).contains("--jre-sha256 was given without --jre").contains("Fix: add --jre FILE.zip");
        assertThat(noSha.exit()).isEqualTo(InstallerCli.BAD_INPUT);
        assertThat(noSha.output()).contains("--jre " + runtimeZip + " was given without --jre-sha256").contains("Fix: add --jre-sha256");
    }

    @Test
    void uninstallRunFromTheInstalledCopyRefusesBeforeRemovingAnything() throws Exception {
        Map<Path, FileTime> before = times(root);

        Run uninstall = launcher("installer", "uninstall", "--root", root.toString(), "--appstream-config", scripts.toString());

        assertThat(uninstall.exit()).as(uninstall.output()).isEqualTo(InstallerCli.BAD_INPUT);
        assertThat(uninstall.output()).contains("Nothing removed: this uninstall runs from the installation it would remove")
                .contains("Fix: run it from the unpacked distribution zip: <unzipped folder>/bin/installer uninstall --root " + root);
        assertThat(times(root)).isEqualTo(before);
        assertThat(Files.readString(scripts)).contains("session-start.bat");
    }

    private static List<String> install(String... more) throws Exception {
        Path creds = s3.writeCredentialsFile(dir.resolve("credentials"), "image");
        List<String> args = new ArrayList<>(List.of("install", "--from", dist.toString(), "--root", root.toString(),
                "--bucket", "recordings", "--region", EmbeddedS3.REGION, "--prefix", "recordings", "--endpoint", s3.endpoint().toString(),
                "--path-style", "--profile", "image", "--profile-file", creds.toString(), "--chunk-seconds", "5",
                "--appstream-config", scripts.toString(), "--machine-path", tools.toString()));
        args.addAll(List.of(more));
        return args;
    }

    record Run(int exit, String output) {}

    /** The installer in a JVM of its own from this build's classes (as from the unpacked zip, with a JDK on the admin's PATH). */
    private static Run installer(List<String> args) throws Exception {
        Path log = Files.createTempFile(dir, "installer-", ".log");
        return finish(JavaProcess.start(InstallerCli.class.getName(), args, Map.of("DISPLAY", x.display()), log), log);
    }

    /** An installed launcher, as AppStream runs it, with no java on the PATH. */
    private static Run launcher(String name, String... args) throws Exception {
        Path log = Files.createTempFile(dir, name + "-", ".log");
        List<String> cmd = new ArrayList<>(List.of(root.resolve("bin").resolve(name).toString()));
        cmd.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(log.toFile());
        pb.environment().put("PATH", tools.toString());
        pb.environment().remove("JAVA_HOME");
        pb.environment().put("DISPLAY", x.display());
        // No instance metadata service here: 169.254.169.254 must never be contacted from tests.
        pb.environment().put("AWS_EC2_METADATA_DISABLED", "true");
        return finish(pb.start(), log);
    }

    private static Run finish(Process p, Path log) throws Exception {
        if (!p.waitFor(3, TimeUnit.MINUTES)) {
            p.destroyForcibly();
            throw new AssertionError("did not finish: " + Files.readString(log));
        }
        return new Run(p.exitValue(), Files.readString(log));
    }

    private static Path jlink(Path out) {
        ToolProvider jlink = ToolProvider.findFirst("jlink").orElseThrow(() -> new AssertionError("this JDK has no jlink"));
        int exit = jlink.run(System.out, System.err, "--add-modules", MODULES, "--strip-debug", "--no-header-files", "--no-man-pages",
                "--output", out.toString());
        assertThat(exit).as("jlink exit").isZero();
        return out;
    }

    /** As a vendor zip: everything under one top folder, with Unix modes so bin/java stays executable. */
    private static Path zipUnderTopFolder(Path runtime, Path zip, String top) throws Exception {
        try (FileSystem fs = FileSystems.newFileSystem(zip, Map.of("create", "true", "enablePosixFileAttributes", "true"));
             Stream<Path> walk = Files.walk(runtime)) {
            for (Path p : walk.toList()) {
                Path to = fs.getPath("/" + top + runtime.relativize(p));
                if (Files.isDirectory(p)) {
                    Files.createDirectories(to);
                } else {
                    Files.copy(p, to);
                    Files.setPosixFilePermissions(to, Files.getPosixFilePermissions(p));
                }
            }
        }
        return zip;
    }

    /** The Linux launchers and this build's classpath as jars in lib/: what the -linux.zip unpacks to. */
    private static Path distribution(Path dist) throws Exception {
        Files.createDirectories(dist.resolve("lib"));
        Files.createDirectories(dist.resolve("bin"));
        try (Stream<Path> launchers = Files.list(Path.of("src", "main", "dist", "linux", "bin"))) {
            for (Path l : launchers.toList()) {
                Files.copy(l, dist.resolve("bin").resolve(l.getFileName()));
                Files.setPosixFilePermissions(dist.resolve("bin").resolve(l.getFileName()), PosixFilePermissions.fromString("rwxr-xr-x"));
            }
        }
        int n = 0;
        for (String entry : System.getProperty("java.class.path").split(File.pathSeparator)) {
            Path p = Path.of(entry);
            if (Files.isRegularFile(p) && entry.endsWith(".jar")) {
                Files.copy(p, dist.resolve("lib").resolve(p.getFileName()), java.nio.file.StandardCopyOption.REPLACE_EXISTING);
            } else if (Files.isDirectory(p) && !p.endsWith("test-classes")) {
                jar(p, dist.resolve("lib").resolve("classes-" + (n++) + ".jar"));
            }
        }
        return dist;
    }

    private static void jar(Path classes, Path jar) throws Exception {
        try (JarOutputStream out = new JarOutputStream(Files.newOutputStream(jar)); Stream<Path> walk = Files.walk(classes)) {
            for (Path p : walk.filter(Files::isRegularFile).toList()) {
                out.putNextEntry(new ZipEntry(classes.relativize(p).toString().replace(File.separatorChar, '/')));
                Files.copy(p, out);
                out.closeEntry();
            }
        }
    }

    /** A folder of links to just these tools, found on this machine's PATH. */
    private static Path toolsOnly(Path folder, String... names) throws Exception {
        Files.createDirectories(folder);
        for (String name : names) {
            Path tool = Stream.of(System.getenv("PATH").split(File.pathSeparator)).map(d -> Path.of(d, name))
                    .filter(Files::isExecutable).findFirst().orElseThrow(() -> new AssertionError(name + " is not on the PATH"));
            Files.createSymbolicLink(folder.resolve(name), tool);
        }
        return folder;
    }

    private static Map<Path, FileTime> times(Path folder) throws Exception {
        Map<Path, FileTime> out = new TreeMap<>();
        try (Stream<Path> walk = Files.walk(folder)) {
            for (Path p : walk.filter(p -> !p.startsWith(folder.resolve("spool")) && !p.startsWith(folder.resolve("logs"))
                    && !p.startsWith(folder.resolve("cache"))).toList()) {
                out.put(p, Files.getLastModifiedTime(p));
            }
        }
        return out;
    }
}
