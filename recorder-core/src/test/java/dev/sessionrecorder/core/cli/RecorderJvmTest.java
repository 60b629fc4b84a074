package dev.sessionrecorder.core.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class RecorderJvmTest {
    /**
     * session-start runs with jna.tmpdir and java.io.tmpdir inside the locked install folder; the recorder
     * it starts as SYSTEM must get the same, or JNA unpacks its DLL under C:\Windows\Temp, where users write.
     */
    @Test
    void theRecorderInheritsTheLaunchersUnpackFolders() {
        String before = System.getProperty("jna.tmpdir");
        System.setProperty("jna.tmpdir", "/opt/session-recorder/cache/jna");
        try {
            List<String> cmd = RecorderJvm.command(List.of("record"));
            assertThat(cmd).contains("-Djna.tmpdir=/opt/session-recorder/cache/jna",
                    "-Djava.io.tmpdir=" + System.getProperty("java.io.tmpdir"));
            assertThat(cmd.indexOf("-Djna.tmpdir=/opt/session-recorder/cache/jna")).isLessThan(cmd.indexOf("-cp"));
        } finally {
            if (before == null) {
                System.clearProperty("jna.tmpdir");
            } else {
                System.setProperty("jna.tmpdir", before);
            }
        }
    }
}
