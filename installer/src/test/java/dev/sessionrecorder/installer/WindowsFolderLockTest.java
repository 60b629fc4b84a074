package dev.sessionrecorder.installer;

import static dev.sessionrecorder.installer.WindowsFolderLock.ADMINISTRATORS;
import static dev.sessionrecorder.installer.WindowsFolderLock.SYSTEM;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.jna.platform.win32.WinNT;
import dev.sessionrecorder.installer.Win32Security.Ace;
import dev.sessionrecorder.installer.Win32Security.DaclReading;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The Windows ACL logic against a fake Win32 layer; the masks and flags are Win32's own numbers. */
class WindowsFolderLockTest {
    private static final int ALLOW = WinNT.ACCESS_ALLOWED_ACE_TYPE;
    private static final int OI_CI = 0x3;
    private static final int PROTECTED_PRESENT = 0x1000 | 0x0004;
    private static final String FIX = "fix: run the install step again as Administrator, which rewrites the folder's ACL";

    @TempDir
    Path dir;

    private final FakeWin32Security win32 = new FakeWin32Security();
    private WindowsFolderLock lock;
    private Path spool;
    private String path;

    @BeforeEach
    void folder() {
        win32.machine(dir);
        lock = new WindowsFolderLock(win32, dir);
        spool = dir.resolve("spool");
        path = spool.toAbsolutePath().toString();
    }

    @Test
    void restrictWritesAProtectedDaclOfSystemAndAdministratorsWithFullControlInherited() throws IOException {
        lock.restrict(spool);

        assertThat(spool).isDirectory();
        assertThat(win32.calls).containsExactly(new FakeWin32Security.SetCall(path, 0x1 | 0x4 | 0x80000000, "S-1-5-32-544", List.of(
                new Ace(ALLOW, OI_CI, 0x1F01FF, "S-1-5-18"),
                new Ace(ALLOW, OI_CI, 0x1F01FF, "S-1-5-32-544"))));
        assertThat(lock.verify(spool)).isEqualTo(new FolderCheck(spool, List.of()));
    }

    @Test
    void aFailingSetNamedSecurityInfoIsAnErrorNamingTheFolderAndCode() {
        win32.setError = 5;

        assertThatThrownBy(() -> lock.restrict(spool))
                .isInstanceOf(FolderLockException.class)
                .hasMessage("could not restrict " + path + " and everything in it to SYSTEM and Administrators: "
                        + "TreeResetNamedSecurityInfo failed with Win32 error 5 (access denied): something inside denies Administrators, "
                        + "as its owner may have set it; fix: take it back with takeown /F \"" + path + "\" /R /A /D Y from an "
                        + "elevated prompt, then run the install step again");
        assertThat(lock.verify(spool).ok()).isFalse();
    }

    @Test
    void anUnknownErrorCodeIsStillNamed() {
        win32.setError = 1337;

        assertThatThrownBy(() -> lock.restrict(spool)).hasMessageContaining("Win32 error 1337; see https://");
    }

    @Test
    void reportsAnExtraUsersEntry() throws IOException {
        plant(PROTECTED_PRESENT, with(new Ace(ALLOW, OI_CI, 0x1200A9, "S-1-5-32-545")));

        assertThat(lock.verify(spool).problems()).containsExactly(path + " has an unexpected allow entry for BUILTIN\\Users "
                + "(S-1-5-32-545) (mask 0x1200a9); only SYSTEM and Administrators may be listed, once each; " + FIX);
    }

    @Test
    void reportsAMissingAdministratorsEntry() throws IOException {
        plant(PROTECTED_PRESENT, List.of(new Ace(ALLOW, OI_CI, 0x1F01FF, SYSTEM)));

        assertThat(lock.verify(spool).problems()).containsExactly(path + " has no entry granting BUILTIN\\Administrators "
                + "(S-1-5-32-544) full control; " + FIX);
    }

    @Test
    void reportsAnUnprotectedDacl() throws IOException {
        plant(0x0004, WindowsFolderLock.DACL);

        assertThat(lock.verify(spool).problems()).containsExactly(path + " still inherits entries from its parent folder, so "
                + "whoever may write there may write here; " + FIX);
    }

    @Test
    void reportsAReducedAccessMask() throws IOException {
        plant(PROTECTED_PRESENT, List.of(new Ace(ALLOW, OI_CI, 0x1F01FF, SYSTEM), new Ace(ALLOW, OI_CI, 0x1301BF, ADMINISTRATORS)));

        assertThat(lock.verify(spool).problems()).containsExactly(path + " grants BUILTIN\\Administrators (S-1-5-32-544) only "
                + "0x1301bf, not full control (0x1f01ff); " + FIX);
    }

    @Test
    void reportsEntriesThatDoNotReachTheFolderOrItsContents() throws IOException {
        plant(PROTECTED_PRESENT, List.of(new Ace(ALLOW, 0, 0x1F01FF, SYSTEM), new Ace(ALLOW, OI_CI | 0x8, 0x1F01FF, ADMINISTRATORS)));

        assertThat(lock.verify(spool).problems()).containsExactly(
                path + ": the entry for SYSTEM (S-1-5-18) has flags 0x0, so it does not apply to the folder and everything in "
                        + "it (want OBJECT_INHERIT|CONTAINER_INHERIT, 0x3); " + FIX,
                path + ": the entry for BUILTIN\\Administrators (S-1-5-32-544) has flags 0xb, so it does not apply to the folder "
                        + "and everything in it (want OBJECT_INHERIT|CONTAINER_INHERIT, 0x3); " + FIX);
    }

    @Test
    void reportsDenyEntriesAndDuplicates() throws IOException {
        plant(PROTECTED_PRESENT, with(new Ace(WinNT.ACCESS_DENIED_ACE_TYPE, OI_CI, 0x40000, SYSTEM),
                new Ace(ALLOW, OI_CI, 0x1F01FF, ADMINISTRATORS)));

        assertThat(lock.verify(spool).problems()).containsExactly(
                path + " has an unexpected deny entry for SYSTEM (S-1-5-18) (mask 0x40000); only SYSTEM and Administrators may "
                        + "be listed, once each; " + FIX,
                path + " has an unexpected allow entry for BUILTIN\\Administrators (S-1-5-32-544) (mask 0x1f01ff); only SYSTEM "
                        + "and Administrators may be listed, once each; " + FIX);
    }

    @Test
    void acceptsGenericAllAsFullControl() throws IOException {
        plant(PROTECTED_PRESENT, List.of(new Ace(ALLOW, OI_CI, WinNT.GENERIC_ALL, SYSTEM), new Ace(ALLOW, OI_CI, 0x1F01FF, ADMINISTRATORS)));

        assertThat(lock.verify(spool).ok()).isTrue();
    }

    @Test
    void reportsAFolderOwnedByAUserEvenWithTheRightEntries() throws IOException {
        Files.createDirectories(spool);
        win32.dacls.put(path, new DaclReading(0, PROTECTED_PRESENT, "S-1-5-21-1-2-3-1001", WindowsFolderLock.DACL));

        assertThat(lock.verify(spool).problems()).containsExactly(path + " is owned by S-1-5-21-1-2-3-1001, who may rewrite "
                + "its ACL at any time (an owner always can); " + FIX);
        lock.restrict(spool);
        assertThat(lock.verify(spool).problems()).as("restrict makes Administrators the owner").isEmpty();
    }

    @Test
    void reportsANullDacl() throws IOException {
        plant(WinNT.SE_DACL_PROTECTED, null);

        assertThat(lock.verify(spool).problems()).containsExactly(path + " has a NULL DACL, which lets everyone in; " + FIX);
    }

    @Test
    void reportsAFailedReadAndAMissingFolderInsteadOfPassing() throws IOException {
        assertThat(lock.verify(spool).problems()).containsExactly(path + " does not exist or is not a folder; run the install "
                + "step, which creates and restricts it");

        lock.restrict(spool);
        win32.readError = 5;
        assertThat(lock.verify(spool).problems()).containsExactly("could not read the ACL of " + path + ": GetNamedSecurityInfo "
                + "failed with Win32 error 5 (access denied); run it from an elevated prompt (Run as administrator)");
    }

    @Test
    void refusesToLockThroughAJunctionAndChangesNothingAtItsTarget() throws IOException {
        // A user made spool a junction to a folder of theirs before the install ran: Windows would follow it.
        Path theirs = Files.createDirectories(dir.resolve("users-folder"));
        Files.createDirectories(spool);
        win32.junctions.put(path, theirs.toString());

        assertThatThrownBy(() -> lock.restrict(spool.resolve("sessions")))
                .isInstanceOf(FolderLockException.class)
                .hasMessage("not locking " + spool.resolve("sessions") + ": " + path + " is a junction, mount point or symbolic "
                        + "link (a reparse point), so the lock would land wherever it points; fix: remove the link (rmdir \"" + path
                        + "\" without /s removes only the link), then run the install step again, which creates a real folder");
        assertThat(win32.calls).as("no DACL written anywhere").isEmpty();
        assertThat(theirs.resolve("sessions")).as("nothing created inside the junction's target").doesNotExist();
    }

    @Test
    void aJunctionIsADoctorFailureEvenWhenItsTargetLooksLocked() throws IOException {
        Path theirs = Files.createDirectories(dir.resolve("users-folder"));
        win32.dacls.put(theirs.toString(), new DaclReading(0, PROTECTED_PRESENT, ADMINISTRATORS, WindowsFolderLock.DACL));
        Files.createDirectories(spool);
        win32.junctions.put(path, theirs.toString());

        assertThat(lock.verify(spool).problems()).singleElement().asString()
                .startsWith(path + " is not locked as it seems: " + path + " is a junction").contains("fix: remove the link");
    }

    @Test
    void theInstallRootAndEveryFolderAboveItAreCheckedForJunctions() throws IOException {
        WindowsFolderLock underJunction = new WindowsFolderLock(win32, spool);
        win32.junctions.put(dir.toString(), Files.createDirectories(dir.resolve("elsewhere")).toString());

        assertThatThrownBy(() -> new WindowsFolderLock(win32, dir).restrict(spool)).hasMessageContaining(dir + " is a junction");
        win32.junctions.clear();
        win32.junctions.put(dir.getParent().toString(), dir.getParent().toString());
        assertThatThrownBy(() -> underJunction.restrict(spool)).isInstanceOf(FolderLockException.class)
                .hasMessageContaining(dir.getParent() + ", above " + spool + ", is a junction, mount point or symbolic link");
        assertThat(win32.calls).isEmpty();
    }

    /**
     * C:\ProgramData\Vendor created by a user is theirs: they may give themselves the right to delete its children and so
     * rename the locked root away and put their own in its place. Such a root is refused before anything is created.
     */
    @Test
    void aRootUnderAFolderAUserOwnsIsRefusedBeforeAnythingIsCreated() throws IOException {
        Path vendor = Files.createDirectories(dir.resolve("Vendor")); // not a machine folder: the fake says a user owns it
        Path root = vendor.resolve("SessionRecording");
        WindowsFolderLock there = new WindowsFolderLock(win32, root);
        String expected = vendor + ", above " + root + ", is owned by " + FakeWin32Security.USER + ", who may rename " + root
                + " away and put a folder of their own in its place; fix: choose a root under a folder Administrators own (e.g. "
                + "C:\\SessionRecording), or make them its owner with icacls \"" + vendor + "\" /setowner *S-1-5-32-544";

        assertThat(there.cannotLock(List.of(root, root.resolve("spool")))).contains("Nothing installed: " + expected);
        assertThatThrownBy(() -> there.restrict(root)).hasMessage("not locking " + root + ": " + expected);
        assertThat(root).doesNotExist();
        assertThat(win32.calls).isEmpty();

        Files.createDirectories(root);
        assertThat(there.verify(root).problems()).containsExactly(expected);
        assertThat(there.verify(root.resolve("bin")).problems()).as("said once, for the root").doesNotContain(expected);

        win32.dacls.put(vendor.toString(), new DaclReading(0, 0x4, FakeWin32Security.ADMIN_USER, List.of()));
        assertThat(there.cannotLock(List.of(root))).as("created by this administrator: theirs is fine").isEmpty();
    }

    @Test
    void anUnreadableFolderOnTheWayIsNamedWithItsError() {
        win32.attributeErrors.put(dir.toString(), 5);

        assertThatThrownBy(() -> lock.restrict(spool)).isInstanceOf(FolderLockException.class)
                .hasMessage("not locking " + path + ": could not read the attributes of " + dir + ": GetFileAttributes failed with "
                        + "Win32 error 5 (access denied); run it from an elevated prompt (Run as administrator)");
        assertThat(win32.calls).isEmpty();
    }

    @Test
    void invalidOwnerSaysToRunElevated() {
        win32.setError = 1307;

        assertThatThrownBy(() -> lock.restrict(spool)).hasMessageEndingWith("Win32 error 1307 (this account may not be made the "
                + "owner); run the installer elevated (Run as administrator)");
    }

    /**
     * A first, non-elevated run left the folder open to Users (C:\'s inherited entries); before the elevated rerun a
     * user planted jre\bin\java.exe with an entry of their own. Locking the folder must take the file from them.
     */
    @Test
    void aFileAUserPlantedBeforeTheLockIsResetToAdministratorsWithOnlyInheritedEntries() throws IOException {
        Path jre = dir.resolve("jre");
        Path java = Files.createDirectories(jre.resolve("bin")).resolve("java.exe");
        Files.writeString(java, "MZ planted");
        List<Ace> theirs = new ArrayList<>(FakeWin32Security.INHERITED_FROM_C);
        theirs.add(0, new Ace(ALLOW, 0, 0x1F01FF, FakeWin32Security.USER));
        win32.dacls.put(java.toString(), new DaclReading(0, 0x4, FakeWin32Security.USER, theirs));
        assertThat(lock.verifyContents(jre).problems()).singleElement().asString()
                .contains(java + " is owned by " + FakeWin32Security.USER).contains("has an explicit entry for " + FakeWin32Security.USER);

        lock.restrict(jre);

        DaclReading after = win32.readDacl(java.toString());
        assertThat(after.owner()).isEqualTo(ADMINISTRATORS);
        assertThat(after.aces()).containsExactly(new Ace(ALLOW, WinNT.INHERITED_ACE, 0x1F01FF, SYSTEM),
                new Ace(ALLOW, WinNT.INHERITED_ACE, 0x1F01FF, ADMINISTRATORS));
        assertThat(win32.readDacl(jre.resolve("bin").toString()).aces()).allMatch(a -> a.flags() == (OI_CI | WinNT.INHERITED_ACE));
        assertThat(lock.verifyContents(jre).ok()).isTrue();
    }

    /** Its owner may have written a DACL that lets no administrator in: Windows answers 5 and changes nothing. */
    @Test
    void aFileThatDeniesAdministratorsFailsTheLockWithTakeownAsTheFix() throws IOException {
        Path lib = dir.resolve("lib");
        Path jar = Files.createDirectories(lib).resolve("recorder.jar");
        Files.writeString(jar, "jar");
        DaclReading theirs = new DaclReading(0, 0x4 | WinNT.SE_DACL_PROTECTED, FakeWin32Security.USER,
                List.of(new Ace(ALLOW, 0, 0x1F01FF, FakeWin32Security.USER)));
        win32.dacls.put(jar.toString(), theirs);

        assertThatThrownBy(() -> lock.restrict(lib)).isInstanceOf(FolderLockException.class)
                .hasMessage("could not restrict " + lib + " and everything in it to SYSTEM and Administrators: "
                        + "TreeResetNamedSecurityInfo failed with Win32 error 5 (access denied): something inside denies Administrators, "
                        + "as its owner may have set it; fix: take it back with takeown /F \"" + lib + "\" /R /A /D Y from an "
                        + "elevated prompt, then run the install step again");
        assertThat(win32.readDacl(jar.toString())).isEqualTo(theirs);
    }

    @Test
    void aJunctionInsideTheTreeIsRefusedBeforeAnythingIsReset() throws IOException {
        Path lib = Files.createDirectories(dir.resolve("lib"));
        Path link = Files.createDirectories(lib.resolve("natives"));
        win32.junctions.put(link.toString(), Files.createDirectories(dir.resolve("windows-system32")).toString());

        assertThatThrownBy(() -> lock.restrict(lib)).isInstanceOf(FolderLockException.class)
                .hasMessageStartingWith("not locking " + lib + ": " + link + " inside it is a junction, mount point or symbolic link");
        assertThat(win32.calls).isEmpty();
    }

    @Test
    void doctorNamesTheFirstFewFilesOthersControlAndCountsTheRest() throws IOException {
        Path bin = dir.resolve("bin");
        lock.restrict(bin);
        for (String name : List.of("a.bat", "b.bat", "c.bat", "d.bat")) {
            Files.writeString(bin.resolve(name), "@echo off"); // written after the lock, by a user: the fake's default
        }
        win32.dacls.put(bin.resolve("a.bat").toString(), new DaclReading(0, 0x4, ADMINISTRATORS,
                List.of(new Ace(ALLOW, 0, 0x1F01FF, "S-1-5-32-545"))));

        assertThat(lock.verifyContents(bin).problems()).singleElement().asString()
                .startsWith("under " + bin + ", which the hooks run as SYSTEM: " + bin.resolve("a.bat") + " has an explicit entry for "
                        + "S-1-5-32-545; " + bin.resolve("b.bat") + " is owned by " + FakeWin32Security.USER + ", who may rewrite its "
                        + "ACL and has an inherited entry for S-1-5-32-545; " + bin.resolve("c.bat"))
                .endsWith("; and 1 more; fix: run the install step again as Administrator, which resets the owner and ACL of "
                        + "everything under it");
    }

    @Test
    void trustedInstallerMayOwnAFileBelow() throws IOException {
        Path jre = dir.resolve("jre");
        Files.createDirectories(jre);
        Files.writeString(jre.resolve("release"), "JAVA_VERSION=17");
        lock.restrict(jre);
        DaclReading reset = win32.readDacl(jre.resolve("release").toString());
        win32.dacls.put(jre.resolve("release").toString(), new DaclReading(0, reset.control(), WindowsTreeCheck.TRUSTED_INSTALLER,
                reset.aces()));

        assertThat(lock.verifyContents(jre).ok()).isTrue();
    }

    @Test
    void aProcessThatIsNotElevatedCannotLockAndSaysSo() {
        win32.elevated = false;

        assertThat(lock.cannotLock(List.of(spool))).contains("run the installer from an elevated prompt (Run as administrator); nothing was changed");
    }

    private void plant(int control, List<Ace> aces) throws IOException {
        Files.createDirectories(spool);
        win32.dacls.put(path, new DaclReading(0, control, ADMINISTRATORS, aces));
    }

    private static List<Ace> with(Ace... extra) {
        List<Ace> aces = new ArrayList<>(WindowsFolderLock.DACL);
        aces.addAll(List.of(extra));
        return aces;
    }
}
