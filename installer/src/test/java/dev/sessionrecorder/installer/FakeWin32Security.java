package dev.sessionrecorder.installer;

import com.sun.jna.platform.win32.WinNT;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Keeps each path's owner and DACL the way Windows would after TreeResetNamedSecurityInfo (KeepExplicit FALSE): the
 * folder gets the owner and the protected DACL; every file and folder below it on disk gets the same owner, loses its
 * explicit entries and keeps only what it inherits (an OI|CI entry arrives on a subfolder as OI|CI|INHERITED, on a file
 * as INHERITED). A child whose DACL does not let Administrators in (its owner wrote it so) fails the call with 5,
 * ERROR_ACCESS_DENIED, and nothing changes. A path nobody locked reads as what a user creates under C:\: owned by that
 * user, with C:\'s inherited entries (Users read, Authenticated Users modify). Without elevation, making Administrators
 * the owner fails with 1307, as Windows does. Failures and odd DACLs can be planted.
 * Junctions behave as on Windows: GetFileAttributes reports the link itself (directory and reparse point), while
 * SetNamedSecurityInfo and GetNamedSecurityInfo follow it to its target. Attributes of anything else come from the
 * real disk, with Windows' error codes for what is missing: 2 when only the last part is, 3 when a folder above is.
 */
final class FakeWin32Security implements Win32Security {
    record SetCall(String path, int securityInformation, String owner, List<Ace> aces) {}

    static final String USER = "S-1-5-21-1-2-3-1001";
    /** What a user's file or folder under a folder of C:\ inherits: SYSTEM and Administrators full, Users read, Authenticated Users modify. */
    static final List<Ace> INHERITED_FROM_C = List.of(new Ace(0, WinNT.INHERITED_ACE, 0x1F01FF, "S-1-5-18"),
            new Ace(0, WinNT.INHERITED_ACE, 0x1F01FF, "S-1-5-32-544"), new Ace(0, WinNT.INHERITED_ACE, 0x1200A9, "S-1-5-32-545"),
            new Ace(0, WinNT.INHERITED_ACE, 0x1301BF, "S-1-5-11"));

    /** The administrator running the installer. */
    static final String ADMIN_USER = "S-1-5-21-1-2-3-500";

    final List<SetCall> calls = new ArrayList<>();
    boolean elevated = true;
    /** Folders of the machine itself (C:\, C:\ProgramData ...): owned by Administrators, not by a user. */
    private final List<String> machine = new ArrayList<>();

    /** Marks {@code folder} and every folder above it as the machine's own, as C:\ and C:\ProgramData are. */
    FakeWin32Security machine(Path folder) {
        for (Path p = folder.toAbsolutePath(); p != null; p = p.getParent()) {
            machine.add(p.toString());
        }
        return this;
    }

    @Override
    public String userSid() {
        return ADMIN_USER;
    }
    final Map<String, DaclReading> dacls = new HashMap<>();
    /** Junction path → the folder it points at. */
    final Map<String, String> junctions = new HashMap<>();
    /** Paths whose GetFileAttributes fails with this error (e.g. 5 for a folder the caller may not read). */
    final Map<String, Integer> attributeErrors = new HashMap<>();
    int setError;
    int readError;

    @Override
    public boolean elevated() {
        return elevated;
    }

    @Override
    public int resetTree(String path, int securityInformation, String ownerSid, List<Ace> aces) {
        String real = followJunctions(path);
        calls.add(new SetCall(real, securityInformation, ownerSid, List.copyOf(aces)));
        if (setError != 0) {
            return setError;
        }
        boolean setsOwner = (securityInformation & WinNT.OWNER_SECURITY_INFORMATION) != 0;
        if (setsOwner && !elevated && ownerSid.equals("S-1-5-32-544")) {
            return 1307; // ERROR_INVALID_OWNER: a filtered token may not make Administrators the owner
        }
        List<Path> below = below(Path.of(real));
        for (Path child : below) {
            if (!letsAdministratorsIn(readDacl(child.toString()))) {
                return 5;
            }
        }
        boolean isProtected = (securityInformation & WinNT.PROTECTED_DACL_SECURITY_INFORMATION) != 0;
        dacls.put(real, new DaclReading(0, WinNT.SE_DACL_PRESENT | (isProtected ? WinNT.SE_DACL_PROTECTED : 0),
                setsOwner ? ownerSid : readDacl(real).owner(), List.copyOf(aces)));
        for (Path child : below) {
            String owner = setsOwner ? ownerSid : readDacl(child.toString()).owner();
            dacls.put(child.toString(), new DaclReading(0, WinNT.SE_DACL_PRESENT | SE_DACL_AUTO_INHERITED, owner,
                    inherited(aces, Files.isDirectory(child))));
        }
        return 0;
    }

    private static final int SE_DACL_AUTO_INHERITED = 0x0400;

    /** What a child inherits from these entries: container-inheriting ones on folders, object-inheriting ones on files. */
    private static List<Ace> inherited(List<Ace> aces, boolean directory) {
        List<Ace> out = new ArrayList<>();
        for (Ace a : aces) {
            int flags = a.flags();
            if (directory && (flags & WinNT.CONTAINER_INHERIT_ACE) != 0) {
                out.add(new Ace(a.type(), (flags & (WinNT.OBJECT_INHERIT_ACE | WinNT.CONTAINER_INHERIT_ACE)) | WinNT.INHERITED_ACE,
                        a.mask(), a.sid()));
            } else if (!directory && (flags & WinNT.OBJECT_INHERIT_ACE) != 0) {
                out.add(new Ace(a.type(), WinNT.INHERITED_ACE, a.mask(), a.sid()));
            }
        }
        return out;
    }

    /** Administrators reach a DACL they may rewrite when they own the object or an entry allows them in. */
    private static boolean letsAdministratorsIn(DaclReading d) {
        return d.owner().equals("S-1-5-32-544") || d.aces() == null
                || d.aces().stream().anyMatch(a -> a.type() == 0 && a.sid().equals("S-1-5-32-544"));
    }

    private static List<Path> below(Path folder) {
        if (!Files.isDirectory(folder)) {
            return List.of();
        }
        try (var walk = Files.walk(folder)) {
            return walk.filter(p -> !p.equals(folder)).toList();
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    @Override
    public DaclReading readDacl(String path) {
        if (readError != 0) {
            return DaclReading.failed(readError);
        }
        String real = followJunctions(path);
        if (!dacls.containsKey(real) && machine.contains(real)) {
            return new DaclReading(0, WinNT.SE_DACL_PRESENT, "S-1-5-32-544", INHERITED_FROM_C);
        }
        // Nobody restricted it: created by a user, who owns it, under C:\.
        return dacls.getOrDefault(real, new DaclReading(0, WinNT.SE_DACL_PRESENT, USER, INHERITED_FROM_C));
    }

    @Override
    public Attributes attributes(String path) {
        Integer error = attributeErrors.get(path);
        if (error != null) {
            return Attributes.failed(error);
        }
        if (junctions.containsKey(path)) {
            return new Attributes(FILE_ATTRIBUTE_DIRECTORY | FILE_ATTRIBUTE_REPARSE_POINT, 0);
        }
        Path p = Path.of(followJunctions(path));
        if (Files.isDirectory(p)) {
            return new Attributes(FILE_ATTRIBUTE_DIRECTORY, 0);
        }
        if (Files.exists(p)) {
            return new Attributes(0x20, 0); // FILE_ATTRIBUTE_ARCHIVE, what a fresh file has
        }
        return Attributes.failed(p.getParent() != null && Files.isDirectory(p.getParent()) ? ERROR_FILE_NOT_FOUND : ERROR_PATH_NOT_FOUND);
    }

    /** The path Windows would reach: every junction on the way replaced by its target. */
    private String followJunctions(String path) {
        for (Map.Entry<String, String> j : junctions.entrySet()) {
            if (path.equals(j.getKey()) || path.startsWith(j.getKey() + java.io.File.separator)) {
                return j.getValue() + path.substring(j.getKey().length());
            }
        }
        return path;
    }
}
