package dev.sessionrecorder.installer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.DisabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.api.io.TempDir;

/** POSIX modes only exist off Windows; the Windows logic is {@link WindowsFolderLockTest}. */
@DisabledOnOs(OS.WINDOWS)
class PosixFolderLockTest {
    @TempDir
    Path dir;

    private final FolderLock lock = FolderLock.forThisPlatform(Path.of("root"));

    @Test
    void theFactoryPicksPosixHere() {
        assertThat(lock).isInstanceOf(PosixFolderLock.class);
    }

    @Test
    void createsAMissingFolderClosedAndVerifiesIt() throws IOException {
        Path spool = dir.resolve("root/spool");

        lock.restrict(spool);

        assertThat(mode(spool)).isEqualTo("rwx------");
        assertThat(lock.verify(spool)).isEqualTo(new FolderCheck(spool, java.util.List.of()));
        assertThat(mode(spool.getParent())).as("parents are not closed too").isNotEqualTo("rwx------");
    }

    @Test
    void closesAnOpenFolderAndTwiceIsHarmless() throws IOException {
        Path logs = Files.createDirectory(dir.resolve("logs"));
        Files.setPosixFilePermissions(logs, PosixFilePermissions.fromString("rwxrwxrwx"));

        lock.restrict(logs);
        lock.restrict(logs);

        assertThat(mode(logs)).isEqualTo("rwx------");
        assertThat(lock.verify(logs).ok()).isTrue();
    }

    @Test
    void reportsGroupAndOtherBitsWithTheFix() throws IOException {
        Path config = Files.createDirectory(dir.resolve("config"));
        Files.setPosixFilePermissions(config, PosixFilePermissions.fromString("rwxr-x--x"));

        assertThat(lock.verify(config).problems()).containsExactly(config + " has mode rwxr-x--x, not rwx------: group or "
                + "others have access (group read, group execute, others execute); fix: chmod 700 " + config);
    }

    @Test
    void reportsAnOwnerWithoutFullAccess() throws IOException {
        Path config = Files.createDirectory(dir.resolve("config"));
        Files.setPosixFilePermissions(config, PosixFilePermissions.fromString("r-x------"));

        assertThat(lock.verify(config).problems()).containsExactly(config + " has mode r-x------, not rwx------: its owner "
                + "lacks some of rwx; fix: chmod 700 " + config);
    }

    @Test
    void reportsAnotherOwner() throws IOException {
        Path spool = dir.resolve("spool");
        lock.restrict(spool);
        String me = Files.getOwner(spool).getName();

        assertThat(new PosixFolderLock("recorder-admin").verify(spool).problems()).containsExactly(spool + " is owned by " + me
                + ", not recorder-admin (the account the installer runs as), so " + me + " can change its mode back; fix: "
                + "chown recorder-admin " + spool);
    }

    @Test
    void refusesSymbolicLinksAndReportsMissingFolders() throws IOException {
        Path target = Files.createDirectory(dir.resolve("elsewhere"));
        Path link = Files.createSymbolicLink(dir.resolve("spool"), target);

        assertThatThrownBy(() -> lock.restrict(link)).isInstanceOf(FolderLockException.class)
                .hasMessage(link + " is a symbolic link; replace it with a real folder, then run this again");
        assertThat(lock.verify(link).problems()).containsExactly(link + " is a symbolic link; replace it with a real folder "
                + "and run the install step again");
        assertThat(lock.verify(dir.resolve("nope")).problems()).containsExactly(dir.resolve("nope")
                + " does not exist; run the install step, which creates and restricts it");
    }

    private static String mode(Path p) throws IOException {
        return PosixFilePermissions.toString(Files.getPosixFilePermissions(p));
    }
}
