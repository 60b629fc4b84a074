package dev.sessionrecorder.demo;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import org.junit.jupiter.api.Test;

/**
 * The zips the installer module packs (this module builds after it, so in {@code ./mvnw verify} they
 * exist): each carries its own platform's natives and never the other's, the launchers, the default
 * configuration and the image builders' README.
 */
class DistributionZipTest {

    @Test
    void windowsZipHasWindowsNativesLaunchersAndConfiguration() throws Exception {
        Map<String, byte[]> zip = read("windows");
        assertThat(zip).containsKeys("bin/session-start.bat", "bin/session-end.bat", "bin/installer.bat", "bin/recorder.bat",
                "bin/recordings.bat",
                "config/recorder.json", "config/appstream-session-scripts.json", "README.md", "LICENSE");
        assertThat(new String(zip.get("bin/session-start.bat"), StandardCharsets.US_ASCII)).contains("\r\n");
        assertThat(new String(zip.get("bin/installer.bat"), StandardCharsets.US_ASCII))
                .contains("dev.sessionrecorder.installer.InstallerCli").contains("\r\n");
        assertThat(zip.get("config/appstream-session-scripts.json")).isEqualTo(Files.readAllBytes(Path.of("..", "config.json")));
        assertThat(libs(zip)).anyMatch(n -> n.matches("ffmpeg-.*-windows-x86_64(-gpl)?\\.jar"))
                .anyMatch(n -> n.startsWith("installer-")).anyMatch(n -> n.startsWith("session-hooks-")).anyMatch(n -> n.startsWith("recorder-core-")).anyMatch(n -> n.startsWith("recordings-"))
                .noneMatch(n -> n.contains("linux"));
    }

    @Test
    void linuxZipHasLinuxNativesOnly() throws Exception {
        Map<String, byte[]> zip = read("linux");
        assertThat(zip).containsKeys("bin/installer", "bin/recorder", "bin/recordings", "bin/session-start", "bin/session-end", "config/recorder.json");
        assertThat(libs(zip)).anyMatch(n -> n.matches("ffmpeg-.*-linux-x86_64(-gpl)?\\.jar")).noneMatch(n -> n.contains("windows"));
    }

    /**
     * One source for the image builders' instructions: both zips' README.md is docs/install-appstream.md byte for byte,
     * so the zip can never tell an image builder something the repository's documentation does not.
     */
    @Test
    void readmeInEachZipIsTheImageBuildersDoc() throws Exception {
        byte[] doc = Files.readAllBytes(Path.of("..", "docs", "install-appstream.md"));
        for (String os : List.of("windows", "linux")) {
            assertThat(read(os).get("README.md")).as("README.md in the %s zip", os).isEqualTo(doc);
        }
    }

    private static List<String> libs(Map<String, byte[]> zip) {
        return zip.keySet().stream().filter(n -> n.startsWith("lib/")).map(n -> n.substring(4)).toList();
    }

    /** Entries of the zip for {@code os}, names without the top folder. */
    private static Map<String, byte[]> read(String os) throws IOException {
        Path zipFile;
        try (Stream<Path> files = Files.list(Path.of("..", "installer", "target"))) {
            zipFile = files.filter(p -> p.getFileName().toString().endsWith("-" + os + ".zip")).findFirst()
                    .orElseThrow(() -> new AssertionError("no *-" + os + ".zip in installer/target: run ./mvnw package (or verify) first"));
        }
        Map<String, byte[]> out = new TreeMap<>();
        try (ZipFile z = new ZipFile(zipFile.toFile())) {
            for (ZipEntry e : java.util.Collections.list(z.entries())) {
                if (!e.isDirectory()) {
                    String name = e.getName().substring(e.getName().indexOf('/') + 1);
                    out.put(name, name.startsWith("lib/") ? new byte[0] : z.getInputStream(e).readAllBytes());
                }
            }
        }
        return out;
    }
}
