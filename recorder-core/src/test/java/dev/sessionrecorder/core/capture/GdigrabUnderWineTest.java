package dev.sessionrecorder.core.capture;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.sessionrecorder.core.display.Rect;
import dev.sessionrecorder.devkit.MediaProbe;
import dev.sessionrecorder.devkit.XvncDisplay;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Enumeration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Smoke test of the Windows capture: the ffmpeg.exe shipped in the windows-x86_64 FFmpeg jar runs under
 * Wine on an Xvnc display with exactly the format, input and options {@link CaptureSpec#gdigrab} builds
 * for the recorder, and must produce frames of the requested size.
 */
class GdigrabUnderWineTest {
    @TempDir
    Path dir;

    @Test
    void bundledFfmpegExeRecordsTheWineDesktopWithOurGdigrabOptions() throws Exception {
        Optional<Path> wine = wine();
        assumeTrue(wine.isPresent(), "wine64 is not installed (Debian: apt-get install wine64); "
                + "skipping the Windows capture smoke test");
        Path bin = Files.createDirectories(dir.resolve("bin"));
        extract("ffmpeg-", "-windows-x86_64.jar", "org/bytedeco/ffmpeg/windows-x86_64/", bin);
        extract("javacpp-", "-windows-x86_64.jar", "org/bytedeco/javacpp/windows-x86_64/", bin);
        assertThat(bin.resolve("ffmpeg.exe")).exists();

        try (XvncDisplay x = XvncDisplay.start(1280, 720, dir.resolve("xvnc.log"))) {
            Map<String, String> env = Map.of("DISPLAY", x.display(), "WINEPREFIX", dir.resolve("prefix").toString(),
                    "WINEDEBUG", "-all");
            assertThat(run(env, bin, 120, wine.get().toString(), "wineboot", "-i")).isZero();
            Process desktop = start(env, bin, dir.resolve("explorer.log"), wine.get().toString(), "explorer",
                    "/desktop=ci,1280x720", "notepad");
            try {
                Thread.sleep(3_000); // let the Wine desktop window appear
                CaptureSpec spec = CaptureSpec.gdigrab(5, new Rect(0, 0, 1280, 720));
                List<String> cmd = new ArrayList<>(List.of(wine.get().toString(), "ffmpeg.exe", "-hide_banner"));
                cmd.addAll(spec.toFfmpegArgs());
                cmd.addAll(List.of("-c:v", "libopenh264", "-y", "out.mp4"));
                Process ffmpeg = start(env, bin, dir.resolve("ffmpeg.log"), cmd.toArray(String[]::new));
                Thread.sleep(6_000);
                // stdin "q" is ignored under Wine; SIGINT makes ffmpeg finish the file and exit.
                new ProcessBuilder("kill", "-INT", Long.toString(ffmpeg.pid())).start().waitFor();
                assertThat(ffmpeg.waitFor(30, TimeUnit.SECONDS)).as(Files.readString(dir.resolve("ffmpeg.log"))).isTrue();

                MediaProbe.Info info = MediaProbe.probe(bin.resolve("out.mp4"));
                assertThat(info.clean()).as(info.errors() + Files.readString(dir.resolve("ffmpeg.log"))).isTrue();
                assertThat(info.width()).isEqualTo(1280);
                assertThat(info.height()).isEqualTo(720);
                assertThat(info.frames()).isGreaterThanOrEqualTo(15);
            } finally {
                desktop.descendants().forEach(ProcessHandle::destroy);
                desktop.destroy();
                run(env, bin, 30, wine.get().resolveSibling("wineserver").toString(), "-k");
            }
        }
    }

    private static Optional<Path> wine() {
        for (String candidate : List.of("/usr/lib/wine/wine64", "/usr/bin/wine64", "/usr/bin/wine")) {
            if (Files.isExecutable(Path.of(candidate))) {
                return Optional.of(Path.of(candidate));
            }
        }
        return Optional.empty();
    }

    /** Copies every file under {@code prefix} of the classpath jar named like {@code start*end} into {@code to}. */
    private static void extract(String start, String end, String prefix, Path to) throws IOException {
        for (String entry : System.getProperty("java.class.path").split(File.pathSeparator)) {
            String name = Path.of(entry).getFileName().toString();
            if (!name.startsWith(start) || !name.endsWith(end)) {
                continue;
            }
            try (ZipFile zip = new ZipFile(entry)) {
                for (Enumeration<? extends ZipEntry> e = zip.entries(); e.hasMoreElements(); ) {
                    ZipEntry z = e.nextElement();
                    if (!z.isDirectory() && z.getName().startsWith(prefix)) {
                        try (InputStream in = zip.getInputStream(z)) {
                            Files.copy(in, to.resolve(z.getName().substring(prefix.length())), StandardCopyOption.REPLACE_EXISTING);
                        }
                    }
                }
            }
            return;
        }
        throw new IOException("no " + start + "*" + end + " on the test classpath");
    }

    private static Process start(Map<String, String> env, Path cwd, Path log, String... cmd) throws IOException {
        ProcessBuilder pb = new ProcessBuilder(cmd).directory(cwd.toFile()).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
        pb.environment().putAll(env);
        return pb.start();
    }

    private int run(Map<String, String> env, Path cwd, int seconds, String... cmd) throws Exception {
        Process p = start(env, cwd, dir.resolve("wine.log"), cmd);
        if (!p.waitFor(seconds, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            return -1;
        }
        return p.exitValue();
    }
}
