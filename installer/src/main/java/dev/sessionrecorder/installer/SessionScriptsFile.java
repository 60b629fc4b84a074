package dev.sessionrecorder.installer;

import dev.sessionrecorder.core.io.AtomicFiles;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;

/**
 * Applies {@link SessionScripts} to the real {@code config.json}.
 *
 * <p>Before the first change the original is copied to {@code config.json.before-session-recorder}, and
 * that copy is never overwritten, so it keeps what the image had before session-recorder, however many
 * installs and uninstalls follow. New content replaces the file through {@link AtomicFiles}: AppStream,
 * or a crash, sees the old file or the new one, never half of one. An outcome other than {@link ScriptsOutcome.Changed} writes nothing.
 */
public final class SessionScriptsFile {
    /** Where AppStream 2.0 reads session scripts from. */
    public static final String APPSTREAM_LOCATION = "C:\\AppStream\\SessionScripts\\config.json";

    static final String BACKUP_SUFFIX = ".before-session-recorder";

    private final Path file;

    public SessionScriptsFile(Path file) {
        this.file = file.toAbsolutePath();
    }

    public Path path() {
        return file;
    }

    /** The untouched original, once a change has been made to an existing file. */
    public Path backup() {
        return file.resolveSibling(file.getFileName() + BACKUP_SUFFIX);
    }

    public ScriptsOutcome install(HookFiles hooks, boolean replace) throws IOException {
        return apply(text -> SessionScripts.install(text, hooks, replace), true);
    }

    /** What {@link #install} would do, without writing anything: lets a caller refuse before its first change. */
    public ScriptsOutcome checkInstall(HookFiles hooks, boolean replace) throws IOException {
        return apply(text -> SessionScripts.install(text, hooks, replace), false);
    }

    public ScriptsOutcome uninstall() throws IOException {
        return apply(SessionScripts::uninstall, true);
    }

    private ScriptsOutcome apply(Function<Optional<String>, ScriptsOutcome> merge, boolean write) throws IOException {
        Optional<byte[]> before = Files.exists(file) ? Optional.of(Files.readAllBytes(file)) : Optional.empty();
        Optional<String> text = Optional.empty();
        if (before.isPresent()) {
            text = decode(before.get());
            if (text.isEmpty()) {
                return new ScriptsOutcome.Refused(ScriptsOutcome.Refused.Reason.NOT_JSON, decodeFailure(before.get()));
            }
        }
        ScriptsOutcome outcome = merge.apply(text);
        if (outcome instanceof ScriptsOutcome.Refused refused) {
            return new ScriptsOutcome.Refused(refused.reason(), withPath(refused.message()));
        }
        if (!(outcome instanceof ScriptsOutcome.Changed changed) || !write) {
            return outcome;
        }
        List<String> changes = new ArrayList<>(changed.changes());
        Files.createDirectories(file.getParent());
        if (before.isPresent() && !Files.exists(backup())) {
            AtomicFiles.write(backup(), before.get(), file);
            changes.add("kept the original file as " + backup());
        }
        AtomicFiles.write(file, changed.text().getBytes(StandardCharsets.UTF_8), file);
        return new ScriptsOutcome.Changed(changed.text(), changes);
    }

    /** Names the real file, so a person knows which one to open. */
    private String withPath(String message) {
        String generic = "config.json ";
        return message.startsWith(generic) ? file + " " + message.substring(generic.length()) : file + ": " + message;
    }

    private String decodeFailure(byte[] bytes) {
        boolean utf16 = bytes.length >= 2 && ((bytes[0] == (byte) 0xFF && bytes[1] == (byte) 0xFE)
                || (bytes[0] == (byte) 0xFE && bytes[1] == (byte) 0xFF));
        return file + " is not UTF-8 text" + (utf16 ? " (it is UTF-16, which Windows PowerShell 5's Out-File and > write)" : "")
                + ". Nothing was changed: save it as UTF-8, e.g. Set-Content -Encoding UTF8, then run this again.";
    }

    /** The text, or empty when the bytes are not UTF-8. */
    private static Optional<String> decode(byte[] bytes) {
        try {
            // Strict: a lenient decoder would turn a stray byte into U+FFFD and we would write that back.
            return Optional.of(StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes))
                    .toString());
        } catch (CharacterCodingException e) {
            return Optional.empty();
        }
    }

}
