package dev.sessionrecorder.installer;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFileAttributes;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

/**
 * rwx------ on the folder itself, owner left as it is (the installer runs as root in production). Files
 * inside keep their own modes: without x on the folder nobody else can reach them by any path.
 */
final class PosixFolderLock implements FolderLock {
    static final Set<PosixFilePermission> OWNER_ONLY = EnumSet.of(
            PosixFilePermission.OWNER_READ, PosixFilePermission.OWNER_WRITE, PosixFilePermission.OWNER_EXECUTE);

    private final String expectedOwner;

    PosixFolderLock() {
        this(System.getProperty("user.name"));
    }

    /** {@code expectedOwner}: who must own the folder; the account the installer runs as. */
    PosixFolderLock(String expectedOwner) {
        this.expectedOwner = expectedOwner;
    }

    @Override
    public void restrict(Path folder) throws IOException {
        if (Files.isSymbolicLink(folder)) {
            // chmod would follow it and open up, or lock down, whatever it points at.
            throw new FolderLockException(folder + " is a symbolic link; replace it with a real folder, then run this again");
        }
        if (!Files.exists(folder)) {
            Files.createDirectories(folder.toAbsolutePath().getParent());
            // Created already closed, so there is no moment in which it is open to others.
            Files.createDirectory(folder, PosixFilePermissions.asFileAttribute(OWNER_ONLY));
        }
        Files.setPosixFilePermissions(folder, OWNER_ONLY); // the umask may have taken bits away; never adds any
    }

    @Override
    public FolderCheck verify(Path folder) {
        List<String> problems = new ArrayList<>();
        PosixFileAttributes attributes;
        try {
            attributes = Files.readAttributes(folder, PosixFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
        } catch (NoSuchFileException e) {
            return new FolderCheck(folder, List.of(folder + " does not exist; run the install step, which creates and restricts it"));
        } catch (IOException e) {
            return new FolderCheck(folder, List.of("cannot read the permissions of " + folder + " (" + e + "); run this as root"));
        }
        if (attributes.isSymbolicLink() || !attributes.isDirectory()) {
            problems.add(folder + " is " + (attributes.isSymbolicLink() ? "a symbolic link" : "not a folder")
                    + "; replace it with a real folder and run the install step again");
            return new FolderCheck(folder, problems);
        }
        Set<PosixFilePermission> mode = attributes.permissions();
        if (!mode.equals(OWNER_ONLY)) {
            Set<PosixFilePermission> extra = EnumSet.noneOf(PosixFilePermission.class);
            extra.addAll(mode);
            extra.removeAll(OWNER_ONLY);
            String why = extra.isEmpty() ? "its owner lacks some of rwx" : "group or others have access (" + extraNames(extra) + ")";
            problems.add(folder + " has mode " + PosixFilePermissions.toString(mode) + ", not rwx------: " + why
                    + "; fix: chmod 700 " + folder);
        }
        String owner = attributes.owner().getName();
        if (!owner.equals(expectedOwner)) {
            problems.add(folder + " is owned by " + owner + ", not " + expectedOwner
                    + " (the account the installer runs as), so " + owner + " can change its mode back; fix: chown "
                    + expectedOwner + " " + folder);
        }
        return new FolderCheck(folder, problems);
    }

    private static String extraNames(Set<PosixFilePermission> extra) {
        return extra.stream().map(p -> p.name().toLowerCase(java.util.Locale.ROOT).replace('_', ' ')).toList().toString()
                .replace("[", "").replace("]", "");
    }
}
