package dev.sessionrecorder.installer;

import java.nio.file.Path;
import java.util.Optional;
import picocli.CommandLine.Option;

/** The options every installer command shares: where the installation is, and AppStream's session-scripts file. */
final class RootOption {
    @Option(names = "--root", paramLabel = "DIR", description = "Install folder (default: C:\\SessionRecording on Windows, /opt/session-recorder elsewhere).")
    Path root;

    @Option(names = "--appstream-config", paramLabel = "FILE",
            description = "AppStream session scripts file (default on Windows: " + SessionScriptsFile.APPSTREAM_LOCATION
                    + "; elsewhere none unless given).")
    Path appstreamConfig;

    /** Tests stand in for the PATH the Linux launchers get; never needed on a real machine, hence hidden. Unused on Windows. */
    @Option(names = "--machine-path", hidden = true, paramLabel = "PATH",
            description = "The PATH the Linux launchers search for java when jre/ has none (default: this process's PATH).")
    String machinePath;

    MachinePath machinePath() {
        return MachinePath.forThisPlatform(machinePath);
    }

    Layout layout() {
        return new Layout(root != null ? root.toAbsolutePath() : Layout.defaultRoot());
    }

    /** The session-scripts file to change, if any: the one given, else AppStream's own on Windows. */
    Optional<SessionScriptsFile> sessionScripts() {
        if (appstreamConfig != null) {
            return Optional.of(new SessionScriptsFile(appstreamConfig));
        }
        return InstallerCli.WINDOWS ? Optional.of(new SessionScriptsFile(Path.of(SessionScriptsFile.APPSTREAM_LOCATION))) : Optional.empty();
    }
}
