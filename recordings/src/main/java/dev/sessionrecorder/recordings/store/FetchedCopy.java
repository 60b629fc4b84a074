package dev.sessionrecorder.recordings.store;

import java.io.IOException;
import java.io.InputStream;
import java.util.List;
import java.util.Optional;

/**
 * A fresh download judged against S3, not against whatever the folder holds: the chunk list and key
 * folder are S3's (as listed for this download), the bytes are the local ones. A chunk kept from an
 * earlier fetch that S3 no longer has is then missing, and a session moved in the bucket is named, exactly
 * as {@code verify} on S3 would say, without reading every chunk twice.
 */
public final class FetchedCopy implements SessionFiles {
    private final FolderSessionFiles local;
    private final SessionFiles remote;
    private final List<StoredObject> listed;

    public FetchedCopy(FolderSessionFiles local, SessionFiles remote, List<StoredObject> listed) {
        this.local = local;
        this.remote = remote;
        this.listed = List.copyOf(listed);
    }

    @Override
    public String location() {
        return local.location() + " (downloaded from " + remote.location() + ")";
    }

    @Override
    public Optional<byte[]> read(String name) throws IOException {
        return local.read(name);
    }

    @Override
    public List<StoredObject> chunks() {
        return listed;
    }

    @Override
    public InputStream openChunk(String file, long offset) throws IOException {
        return local.openChunk(file, offset);
    }

    @Override
    public Optional<String> keyBase() {
        return remote.keyBase();
    }
}
