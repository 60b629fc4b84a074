package dev.sessionrecorder.installer;

import static dev.sessionrecorder.installer.SessionScriptsInstallTest.END;
import static dev.sessionrecorder.installer.SessionScriptsInstallTest.HOOKS;
import static dev.sessionrecorder.installer.SessionScriptsInstallTest.OURS;
import static dev.sessionrecorder.installer.SessionScriptsInstallTest.START;
import static dev.sessionrecorder.installer.SessionScriptsInstallTest.STOCK;
import static dev.sessionrecorder.installer.SessionScriptsInstallTest.STOCK_WITH_OURS;
import static dev.sessionrecorder.installer.SessionScriptsInstallTest.crlf;
import static org.assertj.core.api.Assertions.assertThat;

import dev.sessionrecorder.installer.ScriptsOutcome.Changed;
import dev.sessionrecorder.installer.ScriptsOutcome.Refused;
import dev.sessionrecorder.installer.ScriptsOutcome.Refused.Reason;
import dev.sessionrecorder.installer.ScriptsOutcome.Unchanged;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Every config.json we promise to handle on uninstall, with the exact outcome. */
class SessionScriptsUninstallTest {
    static final Unchanged NO_FILE = new Unchanged("there is no config.json (or it is empty): nothing to remove");
    static final Unchanged NOT_OURS = new Unchanged("config.json has no session-recorder hooks: nothing to remove");

    static final String EMPTY_SLOTS_60 = """
            {
              "SessionStart": {
                "executables": [
                  {
                    "context": "system",
                    "filename": "",
                    "arguments": "",
                    "s3LogEnabled": true
                  }
                ],
                "waitingTime": 60
              },
              "SessionTermination": {
                "executables": [
                  {
                    "context": "system",
                    "filename": "",
                    "arguments": "",
                    "s3LogEnabled": true
                  }
                ],
                "waitingTime": 60
              }
            }
            """;

    /** Ours from older installs in odd places, beside another product's entries and a key AppStream does not read. */
    static final String OURS_ODDLY_PLACED = """
            {
              "SessionStart": {
                "executables": [
                  {"context": "system", "filename": "C:\\\\Vendor\\\\start.exe"},
                  {"context": "user", "filename": "D:\\\\Old\\\\bin\\\\session-start.bat"}
                ],
                "waitingTime": 30
              },
              "SessionTermination": {
                "executables": [
                  {"context": "user", "filename": "C:\\\\Vendor\\\\logout.bat", "arguments": "/q"},
                  {"context": "system", "filename": "E:/SR/BIN/SESSION-END.BAT"},
                  {"context": "system", "filename": "C:\\\\SessionRecording\\\\bin\\\\session-end.bat"}
                ]
              },
              "x-note": "hands off"
            }
            """;

    static final String OURS_ODDLY_PLACED_REMOVED = """
            {
              "SessionStart": {
                "executables": [
                  {
                    "context": "system",
                    "filename": "C:\\\\Vendor\\\\start.exe"
                  }
                ],
                "waitingTime": 30
              },
              "SessionTermination": {
                "executables": [
                  {
                    "context": "user",
                    "filename": "C:\\\\Vendor\\\\logout.bat",
                    "arguments": "/q"
                  },
                  {
                    "context": "system",
                    "filename": "",
                    "arguments": "",
                    "s3LogEnabled": true
                  }
                ]
              },
              "x-note": "hands off"
            }
            """;

    record Case(String name, Optional<String> existing, ScriptsOutcome expected) {
        @Override
        public String toString() {
            return name;
        }
    }

    static Case changed(String name, String existing, String text, String... changes) {
        return new Case(name, Optional.of(existing), new Changed(text, List.of(changes)));
    }

    static Stream<Case> cases() {
        String leftEmpty = ", leaving the system slot empty as in AppStream's stock file";
        return Stream.of(
                new Case("absent file", Optional.empty(), NO_FILE),
                new Case("empty file", Optional.of(""), NO_FILE),
                new Case("whitespace and a BOM only", Optional.of("\uFEFF \r\n"), NO_FILE),
                changed("only ours: their system slots left empty, waitingTime kept", OURS, EMPTY_SLOTS_60,
                        "SessionStart: removed our executable \"" + START + "\"" + leftEmpty,
                        "SessionTermination: removed our executable \"" + END + "\"" + leftEmpty),
                changed("stock file with ours: back to the stock shape, CRLF kept", crlf(STOCK_WITH_OURS),
                        crlf(STOCK.replace("\"waitingTime\": 30", "\"waitingTime\": 60")),
                        "SessionStart: removed our executable \"" + START + "\"" + leftEmpty,
                        "SessionTermination: removed our executable \"" + END + "\"" + leftEmpty),
                changed("ours under other roots and contexts, beside other products' entries", OURS_ODDLY_PLACED,
                        OURS_ODDLY_PLACED_REMOVED,
                        "SessionStart: removed our executable \"D:\\Old\\bin\\session-start.bat\"",
                        "SessionTermination: removed our executable \"E:/SR/BIN/SESSION-END.BAT\"" + leftEmpty,
                        "SessionTermination: removed our executable \"" + END + "\""),
                new Case("AppStream's stock file", Optional.of(STOCK), NOT_OURS),
                new Case("only other products' entries", Optional.of(SessionScriptsInstallTest.VENDOR_SYSTEM_BOTH), NOT_OURS),
                new Case("no events at all", Optional.of("{\"Other\": 1}"), NOT_OURS),
                new Case("malformed JSON", Optional.of("{\"SessionStart\": "), new Refused(Reason.NOT_JSON,
                        "config.json is not valid JSON: Unexpected end-of-input within/between Object entries at line 1, column 18."
                                + SessionScriptsInstallTest.HAND_FIX)),
                new Case("top-level array", Optional.of("[]"), new Refused(Reason.WRONG_SHAPE,
                        "config.json is JSON but not in the shape AppStream reads: the top level is an array, not an object"
                                + SessionScriptsInstallTest.SHAPE + SessionScriptsInstallTest.HAND_FIX)));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void uninstall(Case c) {
        assertThat(SessionScripts.uninstall(c.existing())).isEqualTo(c.expected());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void uninstallingAgainChangesNothing(Case c) {
        if (c.expected() instanceof Changed changed) {
            assertThat(SessionScripts.uninstall(Optional.of(changed.text()))).isEqualTo(NOT_OURS);
        }
    }

    @Test
    void installThenUninstallLeavesTheStockFileButForWaitingTime() {
        Changed installed = (Changed) SessionScripts.install(Optional.of(STOCK), HOOKS, false);
        Changed removed = (Changed) SessionScripts.uninstall(Optional.of(installed.text()));
        assertThat(removed.text()).isEqualTo(STOCK.replace("\"waitingTime\": 30", "\"waitingTime\": 60"));
        assertThat(SessionScripts.install(Optional.of(removed.text()), HOOKS, false)).isInstanceOf(Changed.class);
    }
}
