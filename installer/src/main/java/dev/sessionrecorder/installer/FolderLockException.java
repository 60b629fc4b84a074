package dev.sessionrecorder.installer;

import java.io.IOException;

/** The system refused to restrict a folder; the message names the folder, the error code and the fix. */
public final class FolderLockException extends IOException {
    private static final long serialVersionUID = 1L;

    public FolderLockException(String message) {
        super(message);
    }
}
