package dev.sessionrecorder.installer;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The zip-name check as a pure function, on the names that escape on Windows. "jdk/../../evil" alone proves little:
 * zipfs itself rejects it, so the check never ran; these are the names zipfs lets through.
 */
class ZipEntryNamesTest {

    @ParameterizedTest
    @ValueSource(strings = {"jdk\\..\\..\\evil", "jdk/bin\\java.exe", "C:evil", "C:/evil", "C:\\evil", "//server/share/evil",
        "\\\\server\\share\\evil", "/evil", "\\evil", "jdk/bin/java.exe:stream", "a:b", "jdk/../evil", "jdk/./bin", "jdk//bin",
        "jdk/bin/CON", "jdk/bin/nul.txt", "jdk/bin/java.exe.", "jdk/bin/java.exe ", "jdk/bin/ja*va", ""})
    void namesThatCouldLandOutsideTheFolderOnWindowsAreRefused(String name) {
        assertThat(ZipEntryNames.problem(name)).as(name).isPresent();
    }

    @ParameterizedTest
    @ValueSource(strings = {"amazon-corretto-17.0.13.11.1-windows-x64-jdk/", "jdk/bin/java.exe", "jdk/lib/server/jvm.dll",
        "bin/", "jdk/legal/java.base/LICENSE", "jdk/lib/security/cacerts", "jdk/conf/security/policy/unlimited/default_US_export.policy"})
    void namesOfARealRuntimePass(String name) {
        assertThat(ZipEntryNames.problem(name)).as(name).isEmpty();
    }
}
