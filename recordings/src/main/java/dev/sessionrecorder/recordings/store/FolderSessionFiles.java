package dev.sessionrecorder.recordings.store;

import dev.sessionrecorder.core.spool.Spool;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * A session downloaded to a folder: {@code fetch} writes this shape, and so does any plain S3 client
 * copying the session's key folder (e.g. {@code aws s3 cp --recursive}).
 */
public final class FolderSessionFiles implements SessionFiles {
    /** Suffix of a chunk whose download has not finished; never counted as a stored chunk. */
    public static final String PARTIAL = ".part";

    private final Path dir;

    public FolderSessionFiles(Path dir) {
        this.dir = dir;
    }

    /** Whether {@code dir} looks like a downloaded session. */
    public static boolean isSessionFolder(Path dir) {
        return Files.isDirectory(dir) && (Files.isRegularFile(dir.resolve(MANIFEST_JSON)) || Files.isRegularFile(dir.resolve(SESSION_JSON)));
    }

    public Path dir() {
        return dir;
    }

    /**
     * Where chunk {@code file} is kept. Names come from S3 keys and manifests, which a tamperer may have
     * written: only names the recorder gives ({@code 000001.mp4}) become paths, so "../x" never escapes.
     *
     * @throws IllegalArgumentException for any other name
     */
    public Path chunkPath(String file) {
        if (!Spool.isChunkFileName(file)) {
            throw new IllegalArgumentException("\"" + file + "\" is not a chunk file name; refusing to use it as a path");
        }
        return dir.resolve("chunks").resolve(file);
    }

    @Override
    public String location() {
        return "local folder " + dir.toAbsolutePath().normalize();
    }

    @Override
    public Optional<byte[]> read(String name) throws IOException {
        try {
            return Optional.of(Files.readAllBytes(dir.resolve(name)));
        } catch (NoSuchFileException e) {
            return Optional.empty();
        }
    }

    @Override
    public List<StoredObject> chunks() throws IOException {
        Path chunks = dir.resolve("chunks");
        if (!Files.isDirectory(chunks)) {
            return List.of();
        }
        List<StoredObject> out = new ArrayList<>();
        try (Stream<Path> files = Files.list(chunks)) {
            for (Path p : files.sorted().toList()) {
                String name = p.getFileName().toString();
                if (Files.isRegularFile(p) && !name.endsWith(PARTIAL)) {
                    out.add(new StoredObject(name, Files.size(p)));
                }
            }
        }
        return out;
    }

    @Override
    public InputStream openChunk(String file, long offset) throws IOException {
        if (!Spool.isChunkFileName(file)) {
            throw new java.io.FileNotFoundException("chunks/" + file + " is not a chunk file name");
        }
        InputStream in;
        try {
            in = Files.newInputStream(chunkPath(file));
        } catch (NoSuchFileException e) {
            throw new java.io.FileNotFoundException(location() + ": chunks/" + file + " is not here");
        }
        in.skipNBytes(offset);
        return in;
    }
}
