package dev.sessionrecorder.installer;

import dev.sessionrecorder.core.spool.FileHash;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystem;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFileAttributeView;
import java.security.DigestOutputStream;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.TreeSet;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * A JDK or JRE zip the image builder downloaded (e.g. Amazon Corretto 17 for Windows x64), given as
 * {@code --jre FILE --jre-sha256 HEX}. {@link #check} reads it without writing anything: the hash first, then
 * that every entry stays inside the folder it will be unpacked to (zip-slip), that it holds bin/java(.exe)
 * (under one top folder, as vendor zips have, or at its top) and, from the runtime's own {@code release} file
 * when there is one, that it is Java 17+ for x86-64. {@link #unpackInto} then writes it, checking each entry again.
 */
final class RuntimeZip implements RuntimeSwap.Source {
    private static final Pattern SHA256 = Pattern.compile("[0-9a-fA-F]{64}");

    /** The file read: the image builder's zip, or after {@link #pinnedIn} a copy of it inside the locked root. */
    private final Path zip;
    /** The zip as the image builder named it, for messages. */
    private final Path given;
    private final String sha256;
    private final boolean windows;
    /** The single top folder vendor zips wrap the runtime in ("amazon-corretto-17.0.13.11.1-windows-x64-jdk/"), or "". */
    private final String top;

    private RuntimeZip(Path zip, Path given, String sha256, boolean windows, String top) {
        this.zip = zip;
        this.given = given;
        this.sha256 = sha256;
        this.windows = windows;
        this.top = top;
    }

    static RuntimeZip check(Path zip, String sha256, boolean windows) throws RuntimeRefused {
        if (!SHA256.matcher(sha256).matches()) {
            throw new RuntimeRefused("--jre-sha256 \"" + sha256 + "\" is not a SHA-256 (64 hex digits). Fix: give the checksum the "
                    + "vendor publishes for " + zip.getFileName() + ", or run certutil -hashfile " + zip.getFileName() + " SHA256 on a "
                    + "copy you trust; nothing was changed");
        }
        if (!Files.isRegularFile(zip)) {
            throw new RuntimeRefused("--jre " + zip + ": no such file. Fix: give the JDK or JRE zip you downloaded; nothing was changed");
        }
        String actual;
        try {
            actual = FileHash.hex(FileHash.sha256(zip));
        } catch (IOException e) {
            throw new RuntimeRefused("--jre " + zip + " cannot be read: " + e.getMessage() + "; nothing was changed");
        }
        if (!actual.equalsIgnoreCase(sha256)) {
            throw new RuntimeRefused("--jre " + zip + " has SHA-256 " + actual + ", not " + sha256.toLowerCase(java.util.Locale.ROOT)
                    + " as --jre-sha256 says: the download is damaged or is not the file that checksum is for. Fix: download it "
                    + "again and give the checksum its vendor publishes for it; nothing was changed");
        }
        return inspect(zip, zip, sha256, windows);
    }

    /** The entries' names, java's presence and the release file of {@code read} (which is {@code given} or a copy of it). */
    private static RuntimeZip inspect(Path read, Path zip, String sha256, boolean windows) throws RuntimeRefused {
        List<String> names = new ArrayList<>();
        try (FileSystem fs = open(read)) {
            try (Stream<Path> entries = Files.walk(fs.getPath("/"))) {
                for (Path e : entries.skip(1).toList()) {
                    String name = relative(e);
                    Optional<String> bad = ZipEntryNames.problem(name);
                    if (bad.isPresent()) {
                        throw new RuntimeRefused("--jre " + zip + " has an entry \"" + name + "\" with " + bad.get() + ", which could "
                                + "be written outside the runtime's folder; refusing it. Fix: use the vendor's own zip; nothing was changed");
                    }
                    names.add(Files.isDirectory(e) ? name + "/" : name);
                }
            }
            String top = topFolder(names);
            String java = windows ? "bin/java.exe" : "bin/java";
            if (!names.contains(top + java)) {
                String other = windows ? "bin/java" : "bin/java.exe";
                String holds = names.contains(top + other) ? "holds " + top + other + ", a runtime for " + (windows ? "Linux or macOS" : "Windows")
                        + ", not " + java : "holds " + topLevel(names, top) + " but no " + top + java + ": it is not a JDK or JRE";
                throw new RuntimeRefused("--jre " + zip + " " + holds + ". Fix: give the JDK or JRE zip for " + (windows ? "Windows x64"
                        : "this platform") + " (e.g. Amazon Corretto 17); nothing was changed");
            }
            checkRelease(zip, fs.getPath("/" + top + "release"));
            return new RuntimeZip(read, zip, sha256, windows, top);
        } catch (IOException e) {
            // zipfs itself refuses entries with "." or ".." in their name, and anything that is not a zip.
            throw new RuntimeRefused("--jre " + zip + " cannot be read as a zip: " + e.getMessage() + ". Fix: give the vendor's JDK "
                    + "or JRE zip; nothing was changed");
        }
    }

    @Override
    public String describe() {
        return given.toString();
    }

    /**
     * Copies the zip into {@code scratch}, hashing while copying, and reads only the copy from then on: the image
     * builder's file may sit where others can write (a Downloads or share folder), and could be swapped for another
     * between the check before any change and the unpacking. The copy is checked again like the original.
     */
    @Override
    public RuntimeZip pinnedIn(Path scratch) throws IOException, RuntimeRefused {
        Path copy = Files.createTempFile(scratch, "jre-", ".zip");
        try {
            MessageDigest digest = sha256Digest();
            try (InputStream in = Files.newInputStream(given); OutputStream out = new DigestOutputStream(Files.newOutputStream(copy), digest)) {
                in.transferTo(out);
            }
            String actual = FileHash.hex(digest.digest());
            if (!actual.equalsIgnoreCase(sha256)) {
                throw new RuntimeRefused("--jre " + given + " changed after it was checked (SHA-256 now " + actual + "); its runtime "
                        + "was not installed. Fix: make sure nothing else writes the file, then run install again");
            }
            return inspect(copy, given, sha256, windows);
        } catch (IOException | RuntimeRefused | RuntimeException e) {
            Files.deleteIfExists(copy);
            throw e;
        }
    }

    private static MessageDigest sha256Digest() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has SHA-256", e);
        }
    }

    /** Removes the copy {@link #pinnedIn} made; the image builder's own zip is never touched. */
    @Override
    public void close() throws IOException {
        if (!zip.equals(given)) {
            Files.deleteIfExists(zip);
        }
    }

    @Override
    public void copyInto(Path target) throws IOException {
        Path base = target.toAbsolutePath().normalize();
        try (FileSystem fs = open(zip)) {
            copy(fs.getPath("/" + top), base);
        }
    }

    private void copy(Path from, Path base) throws IOException {
        try (Stream<Path> entries = Files.walk(from)) {
            for (Path e : entries.toList()) {
                String name = from.relativize(e).toString();
                if (!name.isEmpty() && ZipEntryNames.problem(name).isPresent()) {
                    throw new IOException(zip + ": entry " + e + " would be written outside " + base); // changed since check()
                }
                Path to = base.resolve(name).normalize();
                if (!to.startsWith(base)) {
                    throw new IOException(zip + ": entry " + e + " would be written outside " + base);
                }
                if (Files.isDirectory(e)) {
                    Files.createDirectories(to);
                    continue;
                }
                Files.createDirectories(to.getParent());
                Files.copy(e, to);
                PosixFileAttributeView mode = Files.getFileAttributeView(to, PosixFileAttributeView.class);
                if (mode != null) {
                    mode.setPermissions(Files.getPosixFilePermissions(e)); // bin/java and lib/jspawnhelper must stay executable
                }
            }
        }
    }

    /** zipfs reads the Unix modes a zip carries only when asked, and only where there are modes to set. */
    private static FileSystem open(Path zip) throws IOException {
        boolean posix = FileSystems.getDefault().supportedFileAttributeViews().contains("posix");
        return FileSystems.newFileSystem(zip, posix ? Map.of("enablePosixFileAttributes", "true") : Map.of());
    }

    private static String relative(Path entry) {
        String s = entry.toString();
        return s.startsWith("/") ? s.substring(1) : s;
    }

    /** "name/" when every entry is inside that one folder, else "". */
    private static String topFolder(List<String> names) {
        TreeSet<String> firsts = new TreeSet<>();
        for (String n : names) {
            firsts.add(n.contains("/") ? n.substring(0, n.indexOf('/') + 1) : n);
        }
        return firsts.size() == 1 && firsts.first().endsWith("/") ? firsts.first() : "";
    }

    private static String topLevel(List<String> names, String top) {
        List<String> level = names.stream().filter(n -> n.startsWith(top) && n.length() > top.length())
                .map(n -> n.substring(top.length())).map(n -> n.contains("/") ? n.substring(0, n.indexOf('/') + 1) : n)
                .distinct().sorted().toList();
        if (level.isEmpty()) {
            return "nothing";
        }
        return String.join(", ", level.subList(0, Math.min(8, level.size()))) + (level.size() > 8 ? ", ..." : "");
    }

    /** The release file every JDK and jlink image carries: JAVA_VERSION="17.0.13", OS_ARCH="x86_64". */
    private static void checkRelease(Path zip, Path release) throws IOException, RuntimeRefused {
        if (!Files.isRegularFile(release)) {
            return; // doctor runs the installed java and checks its version either way
        }
        Properties p = new Properties();
        try (Reader r = Files.newBufferedReader(release, StandardCharsets.ISO_8859_1)) {
            p.load(r);
        }
        String version = p.getProperty("JAVA_VERSION", "").replace("\"", "");
        String arch = p.getProperty("OS_ARCH", "").replace("\"", "");
        if (!version.isEmpty() && JavaProbe.feature(version) < JavaCheck.MINIMUM) {
            throw new RuntimeRefused("--jre " + zip + " is Java " + version + "; the recorder needs " + JavaCheck.MINIMUM
                    + " or later. Fix: give a Java " + JavaCheck.MINIMUM + "+ zip (e.g. Amazon Corretto 17); nothing was changed");
        }
        if (!arch.isEmpty() && !arch.equals("x86_64") && !arch.equals("amd64")) {
            throw new RuntimeRefused("--jre " + zip + " is a runtime for " + arch + "; the recorder's FFmpeg natives are x86-64 "
                    + "only. Fix: give the x64 zip; nothing was changed");
        }
    }
}
