package dev.sessionrecorder.core.spool;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sessionrecorder.devkit.JavaProcess;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SessionLockTest {
    @TempDir
    Path root;

    /**
     * POSIX locks belong to the process and closing any descriptor of the file drops them all: a probe
     * in the recorder's own JVM (its leftover drain asking "is this session held?") must not release the
     * recorder's lock for every other process.
     */
    @Test
    void aProbeInTheHoldersOwnJvmNeverReleasesItsLock() throws Exception {
        try (SessionLock held = SessionLock.tryAcquire(root, "s-1").orElseThrow()) {
            assertThat(SessionLock.isHeld(root, "s-1")).as("same JVM").isTrue();
            assertThat(SessionLock.tryAcquire(root, "s-1")).as("second attempt in the same JVM").isEmpty();
            assertThat(otherProcessGetsIt()).as("another process after those probes").isFalse();
        }
        assertThat(otherProcessGetsIt()).as("another process once released").isTrue();
    }

    private boolean otherProcessGetsIt() throws Exception {
        Path log = root.resolve("probe.log");
        Files.deleteIfExists(log);
        Process p = JavaProcess.start(Probe.class.getName(), List.of(root.toString(), "s-1"), Map.of(), log);
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
        return p.exitValue() == 0;
    }

    /** Exits 0 when it got the lock, 3 when it is held. */
    public static final class Probe {
        public static void main(String[] args) throws Exception {
            System.exit(SessionLock.tryAcquire(Path.of(args[0]), args[1]).isPresent() ? 0 : 3);
        }
    }
}
