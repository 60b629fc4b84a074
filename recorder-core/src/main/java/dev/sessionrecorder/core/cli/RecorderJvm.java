package dev.sessionrecorder.core.cli;

import dev.sessionrecorder.core.session.RecorderVersion;
import dev.sessionrecorder.core.spool.FileHash;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The command line of a recorder process: the one place that decides its JVM options, used by the
 * session-start hook, the tests, the demo and the benchmark, so what we measure is what runs.
 *
 * <p>The recorder's work is native (FFmpeg grabs, converts and encodes); Java only moves frame
 * pointers, compares pixels with an intrinsic and uploads files. Measured on 2 vCPU (bench/), the
 * JVM's own start-up was most of an idle recorder's CPU: C2 compiling code that never gets hot and
 * class loading. Hence:
 * <ul>
 *   <li>{@code -XX:TieredStopAtLevel=1}: C1 only. Start-up CPU fell from 7.5 to 4.3 s; steady state
 *       rose by under 0.1 CPU-s per minute.</li>
 *   <li>{@code -XX:+UseSerialGC}: one GC thread; the heap holds little more than upload buffers.</li>
 *   <li>A class-data archive (AppCDS) when one exists ({@link ClassDataArchive}): start-up fell to 2.9 CPU-s and
 *       peak RSS by about 15 MB. A missing or stale archive is ignored by the JVM, never fatal.</li>
 * </ul>
 */
public final class RecorderJvm {
    /** Where JavaCPP unpacks natives; the launchers point it into the install root. */
    public static final String CACHE_DIR_PROPERTY = "org.bytedeco.javacpp.cachedir";

    static final List<String> OPTIONS = List.of("-Xmx256m", "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC");

    /**
     * Folders where native code and temporary files are unpacked, passed on as the launcher set them. The
     * recorder runs as SYSTEM: left to their defaults, JNA would unpack jnidispatch.dll into
     * %TEMP%\jna-&lt;hash&gt; under C:\Windows\Temp, a folder any user can create first and fill with their
     * own DLL (which SYSTEM would then load); the launchers point both into the locked install folder.
     */
    static final List<String> INHERITED_PROPERTIES = List.of(CACHE_DIR_PROPERTY, "jna.tmpdir", "java.io.tmpdir",
            // The control transport an operator forced (auto|unix|tcp) must be the recorder's too: the hook
            // and the recorder have to meet on the same channel. A Windows child gets SYSTEM's environment
            // block, not the hook's, so a property is the one way it travels.
            "sessionrecorder.control");

    private RecorderJvm() {}

    /** {@code java [options] -cp <this classpath> RecorderCli <args>}, with the class-data archive when one exists. */
    public static List<String> command(List<String> recorderArgs) {
        return command(RecorderCli.class.getName(), recorderArgs);
    }

    /** Another main class under the recorder's JVM options (the benchmark's capture-only floor). */
    public static List<String> command(String mainClass, List<String> args) {
        List<String> cmd = base();
        archive().filter(p -> p.toFile().isFile()).ifPresent(p -> cmd.add("-XX:SharedArchiveFile=" + p));
        return finish(cmd, mainClass, args);
    }

    /**
     * The same command, but the JVM writes the classes it loaded to {@code archive} when it exits. Run
     * it over a short real recording so the archive holds the
     * classes a session loads; write to a temporary name and rename, so a concurrent start never
     * maps a half-written file.
     */
    public static List<String> commandWritingArchive(Path archive, List<String> recorderArgs) {
        List<String> cmd = base();
        // CDS warns about every pre-Java-6 class it skips (picocli ships some); that is noise here.
        cmd.add("-Xlog:cds=off");
        cmd.add("-Xlog:cds+dynamic=off");
        cmd.add("-XX:ArchiveClassesAtExit=" + archive);
        return finish(cmd, RecorderCli.class.getName(), recorderArgs);
    }

    /**
     * Where this installation keeps its archive: beside the native cache. An archive only serves the
     * exact jars it was made from (the JVM checks each jar's size and time and ignores the archive,
     * with a warning, on any difference), so its name carries the version and a hash of the classpath
     * with each jar's size and time: an upgrade, a rebuild or a GPL build gets its own archive instead
     * of a useless one.
     */
    public static Optional<Path> archive() {
        String cache = System.getProperty(CACHE_DIR_PROPERTY);
        if (cache == null || cache.isBlank()) {
            return Optional.empty();
        }
        StringBuilder identity = new StringBuilder();
        for (String entry : System.getProperty("java.class.path", "").split(java.io.File.pathSeparator)) {
            java.io.File f = new java.io.File(entry);
            identity.append(entry).append('|').append(f.length()).append('|').append(f.lastModified()).append('\n');
        }
        String hash = java.util.HexFormat.of().formatHex(FileHash.sha256(identity.toString().getBytes(StandardCharsets.UTF_8))).substring(0, 12);
        return Optional.of(Path.of(cache).resolve("recorder-" + RecorderVersion.get() + "-" + hash + ".jsa"));
    }

    private static List<String> base() {
        List<String> cmd = new ArrayList<>();
        cmd.add(ProcessHandle.current().info().command().orElse("java"));
        cmd.addAll(OPTIONS);
        for (String property : INHERITED_PROPERTIES) {
            String value = System.getProperty(property);
            // java.io.tmpdir always has a value; passing the default on changes nothing.
            if (value != null && !value.isBlank()) {
                cmd.add("-D" + property + "=" + value);
            }
        }
        return cmd;
    }

    private static List<String> finish(List<String> cmd, String mainClass, List<String> args) {
        cmd.addAll(List.of("-cp", System.getProperty("java.class.path"), mainClass));
        cmd.addAll(args);
        return cmd;
    }
}
