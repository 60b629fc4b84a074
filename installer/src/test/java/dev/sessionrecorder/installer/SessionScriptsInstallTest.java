package dev.sessionrecorder.installer;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sessionrecorder.installer.ScriptsOutcome.Changed;
import dev.sessionrecorder.installer.ScriptsOutcome.Refused;
import dev.sessionrecorder.installer.ScriptsOutcome.Refused.Reason;
import dev.sessionrecorder.installer.ScriptsOutcome.Unchanged;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Every config.json we promise to handle on install, with the exact outcome. Inputs are LF unless a case says otherwise. */
class SessionScriptsInstallTest {
    static final HookFiles HOOKS = HookFiles.under("C:\\SessionRecording");
    static final String START = "C:\\SessionRecording\\bin\\session-start.bat";
    static final String END = "C:\\SessionRecording\\bin\\session-end.bat";

    /** What install writes into a machine without the file: the shipped config.json, in CRLF. */
    static final String OURS = """
            {
              "SessionStart": {
                "executables": [
                  {
                    "context": "system",
                    "filename": "C:\\\\SessionRecording\\\\bin\\\\session-start.bat",
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
                    "filename": "C:\\\\SessionRecording\\\\bin\\\\session-end.bat",
                    "arguments": "",
                    "s3LogEnabled": true
                  }
                ],
                "waitingTime": 60
              }
            }
            """;

    static final List<String> ADDED_BOTH_EVENTS = List.of(
            "SessionStart: added the event, with " + START + " as its system executable and waitingTime 60 s",
            "SessionTermination: added the event, with " + END + " as its system executable and waitingTime 60 s");

    /** AppStream's stock file: empty system and user slots, 30 s. */
    static final String STOCK = """
            {
              "SessionStart": {
                "executables": [
                  {
                    "context": "system",
                    "filename": "",
                    "arguments": "",
                    "s3LogEnabled": true
                  },
                  {
                    "context": "user",
                    "filename": "",
                    "arguments": "",
                    "s3LogEnabled": true
                  }
                ],
                "waitingTime": 30
              },
              "SessionTermination": {
                "executables": [
                  {
                    "context": "system",
                    "filename": "",
                    "arguments": "",
                    "s3LogEnabled": true
                  },
                  {
                    "context": "user",
                    "filename": "",
                    "arguments": "",
                    "s3LogEnabled": true
                  }
                ],
                "waitingTime": 30
              }
            }
            """;

    static final String STOCK_WITH_OURS = """
            {
              "SessionStart": {
                "executables": [
                  {
                    "context": "system",
                    "filename": "C:\\\\SessionRecording\\\\bin\\\\session-start.bat",
                    "arguments": "",
                    "s3LogEnabled": true
                  },
                  {
                    "context": "user",
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
                    "filename": "C:\\\\SessionRecording\\\\bin\\\\session-end.bat",
                    "arguments": "",
                    "s3LogEnabled": true
                  },
                  {
                    "context": "user",
                    "filename": "",
                    "arguments": "",
                    "s3LogEnabled": true
                  }
                ],
                "waitingTime": 60
              }
            }
            """;

    static final String VENDOR_USER_ENTRIES = """
            {
              "SessionStart": {
                "executables": [
                  {
                    "context": "user",
                    "filename": "C:\\\\Vendor\\\\login.exe",
                    "arguments": "--quiet",
                    "s3LogEnabled": false
                  }
                ],
                "waitingTime": 60
              },
              "SessionTermination": {
                "executables": [
                  {
                    "context": "user",
                    "filename": "C:\\\\Vendor\\\\logout.bat",
                    "arguments": "",
                    "s3LogEnabled": false
                  }
                ],
                "waitingTime": 60
              }
            }
            """;

    static final String VENDOR_USER_ENTRIES_WITH_OURS = """
            {
              "SessionStart": {
                "executables": [
                  {
                    "context": "user",
                    "filename": "C:\\\\Vendor\\\\login.exe",
                    "arguments": "--quiet",
                    "s3LogEnabled": false
                  },
                  {
                    "context": "system",
                    "filename": "C:\\\\SessionRecording\\\\bin\\\\session-start.bat",
                    "arguments": "",
                    "s3LogEnabled": true
                  }
                ],
                "waitingTime": 60
              },
              "SessionTermination": {
                "executables": [
                  {
                    "context": "user",
                    "filename": "C:\\\\Vendor\\\\logout.bat",
                    "arguments": "",
                    "s3LogEnabled": false
                  },
                  {
                    "context": "system",
                    "filename": "C:\\\\SessionRecording\\\\bin\\\\session-end.bat",
                    "arguments": "",
                    "s3LogEnabled": true
                  }
                ],
                "waitingTime": 60
              }
            }
            """;

    /** Another product in SessionStart's system slot, beside a user entry; SessionTermination is ours already. */
    static final String VENDOR_SYSTEM_START = """
            {
              "SessionStart": {
                "executables": [
                  {
                    "context": "system",
                    "filename": "C:\\\\Vendor\\\\start.exe",
                    "arguments": "-x",
                    "s3LogEnabled": false,
                    "vendorSetting": 7
                  },
                  {
                    "context": "user",
                    "filename": "C:\\\\Vendor\\\\login.exe",
                    "arguments": "",
                    "s3LogEnabled": true
                  }
                ],
                "waitingTime": 45
              },
              "SessionTermination": {
                "executables": [
                  {
                    "context": "system",
                    "filename": "C:\\\\SessionRecording\\\\bin\\\\session-end.bat",
                    "arguments": "",
                    "s3LogEnabled": true
                  }
                ],
                "waitingTime": 60
              }
            }
            """;

    static final String VENDOR_SYSTEM_START_REPLACED = """
            {
              "SessionStart": {
                "executables": [
                  {
                    "context": "system",
                    "filename": "C:\\\\SessionRecording\\\\bin\\\\session-start.bat",
                    "arguments": "",
                    "s3LogEnabled": true
                  },
                  {
                    "context": "user",
                    "filename": "C:\\\\Vendor\\\\login.exe",
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
                    "filename": "C:\\\\SessionRecording\\\\bin\\\\session-end.bat",
                    "arguments": "",
                    "s3LogEnabled": true
                  }
                ],
                "waitingTime": 60
              }
            }
            """;

    static final String VENDOR_SYSTEM_BOTH = """
            {
              "SessionStart": {"executables": [{"context": "system", "filename": "C:\\\\Vendor\\\\start.exe"}], "waitingTime": 60},
              "SessionTermination": {"executables": [{"context": "System", "filename": "C:\\\\Vendor\\\\end.bat"}], "waitingTime": 60}
            }
            """;

    /** Ours, written by an install under an older root, with a field someone added and a lowered waitingTime. */
    static final String OLD_ROOT = """
            {
              "SessionStart": {
                "waitingTime": 20,
                "executables": [
                  {
                    "filename": "D:\\\\Old\\\\bin\\\\session-start.bat",
                    "context": "system",
                    "arguments": "--verbose",
                    "s3LogEnabled": true,
                    "note": "keep me"
                  }
                ]
              },
              "SessionTermination": {
                "executables": [
                  {
                    "context": "system",
                    "filename": "d:/old/BIN/Session-End.BAT",
                    "arguments": "",
                    "s3LogEnabled": false
                  }
                ],
                "waitingTime": 60
              }
            }
            """;

    static final String OLD_ROOT_UPDATED = """
            {
              "SessionStart": {
                "waitingTime": 60,
                "executables": [
                  {
                    "filename": "C:\\\\SessionRecording\\\\bin\\\\session-start.bat",
                    "context": "system",
                    "arguments": "",
                    "s3LogEnabled": true,
                    "note": "keep me"
                  }
                ]
              },
              "SessionTermination": {
                "executables": [
                  {
                    "context": "system",
                    "filename": "C:\\\\SessionRecording\\\\bin\\\\session-end.bat",
                    "arguments": "",
                    "s3LogEnabled": true
                  }
                ],
                "waitingTime": 60
              }
            }
            """;

    /** Keys AppStream does not read, at every level, in an order we must not disturb. */
    static final String UNKNOWN_KEYS = """
            {
              "_comment": "managed by image pipeline v3",
              "SessionTermination": {
                "executables": [],
                "waitingTime": 60.0,
                "x-owner": {"team": "euc", "ticket": 1234}
              },
              "Telemetry": [1, 2.50, null]
            }""";

    static final String UNKNOWN_KEYS_MERGED = """
            {
              "_comment": "managed by image pipeline v3",
              "SessionTermination": {
                "executables": [
                  {
                    "context": "system",
                    "filename": "C:\\\\SessionRecording\\\\bin\\\\session-end.bat",
                    "arguments": "",
                    "s3LogEnabled": true
                  }
                ],
                "waitingTime": 60.0,
                "x-owner": {
                  "team": "euc",
                  "ticket": 1234
                }
              },
              "Telemetry": [
                1,
                2.50,
                null
              ],
              "SessionStart": {
                "executables": [
                  {
                    "context": "system",
                    "filename": "C:\\\\SessionRecording\\\\bin\\\\session-start.bat",
                    "arguments": "",
                    "s3LogEnabled": true
                  }
                ],
                "waitingTime": 60
              }
            }""";

    static final String TWO_OF_OURS_AND_SLACK = """
            {
              "SessionStart": {
                "executables": [
                  {"context": "user", "filename": "C:\\\\SessionRecording\\\\bin\\\\session-start.bat", "arguments": "", "s3LogEnabled": true},
                  {"context": "system", "filename": " ", "arguments": "", "s3LogEnabled": true},
                  {"context": "system", "filename": "C:\\\\SessionRecording\\\\bin\\\\session-start.bat", "arguments": "", "s3LogEnabled": true}
                ],
                "waitingTime": 90
              },
              "SessionTermination": {
                "executables": [{"context": "system", "filename": "C:\\\\SessionRecording\\\\bin\\\\session-end.bat", "arguments": "", "s3LogEnabled": true}]
              }
            }
            """;

    static final String TWO_OF_OURS_AND_SLACK_MERGED = """
            {
              "SessionStart": {
                "executables": [
                  {
                    "context": "system",
                    "filename": "C:\\\\SessionRecording\\\\bin\\\\session-start.bat",
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
                    "filename": "C:\\\\SessionRecording\\\\bin\\\\session-end.bat",
                    "arguments": "",
                    "s3LogEnabled": true
                  }
                ],
                "waitingTime": 60
              }
            }
            """;

    static final String HAND_FIX = " Nothing was changed, and --replace does not overwrite it: fix the file by hand "
            + "(or delete it to start from an empty one), then run this again.";
    static final String SHAPE = " (AppStream expects {\"SessionStart\": {\"executables\": [...], \"waitingTime\": 60}, "
            + "\"SessionTermination\": {...}}).";

    record Case(String name, Optional<String> existing, boolean replace, ScriptsOutcome expected) {
        @Override
        public String toString() {
            return name;
        }
    }

    static Case changed(String name, String existing, boolean replace, String text, String... changes) {
        return new Case(name, Optional.of(existing), replace, new Changed(text, List.of(changes)));
    }

    static Case unchanged(String name, String existing) {
        return new Case(name, Optional.of(existing), false, new Unchanged("session-recorder's hooks are already in "
                + "config.json, as the system executables of SessionStart and SessionTermination with waitingTime 60 s: nothing to do"));
    }

    static Case refused(String name, String existing, boolean replace, Reason reason, String message) {
        return new Case(name, Optional.of(existing), replace, new Refused(reason, message));
    }

    static String crlf(String text) {
        return text.replace("\n", "\r\n");
    }

    static Stream<Case> cases() {
        String conflictTail = ". AppStream runs only one system executable per event, so session-recorder's hook cannot be "
                + "added beside it, and nothing was changed. Run again with --replace to put session-recorder's hook in its "
                + "place (the original file is backed up first), or remove that entry from config.json yourself.";
        String malformed = "{\n  \"SessionStart\": {\n    \"executables\": [,]\n  }\n}\n";
        String malformedMessage = "config.json is not valid JSON: Unexpected character (',' (code 44)): expected a valid value "
                + "(JSON String, Number, Array, Object or token 'null', 'true' or 'false') at line 3, column 21." + HAND_FIX;
        return Stream.of(
                new Case("absent file: both events created, CRLF", Optional.empty(), false,
                        new Changed(crlf(OURS), ADDED_BOTH_EVENTS)),
                changed("empty file counts as absent", "", false, crlf(OURS), ADDED_BOTH_EVENTS.toArray(String[]::new)),
                changed("whitespace-only file counts as absent", " \r\n\t\n", false, crlf(OURS),
                        ADDED_BOTH_EVENTS.toArray(String[]::new)),
                unchanged("ours already present (LF)", OURS),
                unchanged("ours already present (CRLF, BOM, compact)", "\uFEFF{\"SessionStart\":{\"executables\":[{\"context\":"
                        + "\"system\",\"filename\":\"" + START.replace("\\", "\\\\") + "\",\"arguments\":\"\",\"s3LogEnabled\":true}],"
                        + "\"waitingTime\":60},\r\n\"SessionTermination\":{\"waitingTime\":60,\"executables\":[{\"s3LogEnabled\":true,"
                        + "\"context\":\"system\",\"filename\":\"" + END.replace("\\", "\\\\") + "\",\"arguments\":\"\"}]}}\r\n"),
                unchanged("ours beside another product's user entries", VENDOR_USER_ENTRIES_WITH_OURS),
                changed("ours under an older root: updated in place, LF and extra field kept", OLD_ROOT, false, OLD_ROOT_UPDATED,
                        "SessionStart: updated our executable (filename \"D:\\Old\\bin\\session-start.bat\" -> \"" + START
                                + "\", arguments \"--verbose\" -> \"\")",
                        "SessionStart: raised waitingTime from 20 to 60 s, because our hook may need all of it (60 s is the most "
                                + "AppStream allows)",
                        "SessionTermination: updated our executable (filename \"d:/old/BIN/Session-End.BAT\" -> \"" + END
                                + "\", s3LogEnabled false -> true)"),
                changed("AppStream's stock file: empty system slots filled, user slots kept, CRLF kept", crlf(STOCK), false,
                        crlf(STOCK_WITH_OURS),
                        "SessionStart: put " + START + " in the empty system slot",
                        "SessionStart: raised waitingTime from 30 to 60 s, because our hook may need all of it (60 s is the most "
                                + "AppStream allows)",
                        "SessionTermination: put " + END + " in the empty system slot",
                        "SessionTermination: raised waitingTime from 30 to 60 s, because our hook may need all of it (60 s is "
                                + "the most AppStream allows)"),
                changed("another product's user entries: kept, ours added beside them", VENDOR_USER_ENTRIES, false,
                        VENDOR_USER_ENTRIES_WITH_OURS,
                        "SessionStart: added " + START + " as the system executable",
                        "SessionTermination: added " + END + " as the system executable"),
                refused("another product's system entry without --replace", VENDOR_SYSTEM_START, false,
                        Reason.OTHER_SYSTEM_EXECUTABLE,
                        "SessionStart already runs \"C:\\Vendor\\start.exe\" as its system executable" + conflictTail),
                changed("another product's system entry with --replace: theirs replaced, their user entry kept",
                        VENDOR_SYSTEM_START, true, VENDOR_SYSTEM_START_REPLACED,
                        "SessionStart: replaced the system executable \"C:\\Vendor\\start.exe\" with " + START + " (--replace)",
                        "SessionStart: raised waitingTime from 45 to 60 s, because our hook may need all of it (60 s is the most "
                                + "AppStream allows)"),
                refused("other products' system entries in both events, any case of \"system\"", VENDOR_SYSTEM_BOTH, false,
                        Reason.OTHER_SYSTEM_EXECUTABLE,
                        "SessionStart already runs \"C:\\Vendor\\start.exe\" as its system executable; SessionTermination "
                                + "already runs \"C:\\Vendor\\end.bat\" as its system executable" + conflictTail),
                changed("unknown keys kept in their order, numbers as written, LF and no final newline kept", UNKNOWN_KEYS,
                        false, UNKNOWN_KEYS_MERGED,
                        "SessionStart: added the event, with " + START + " as its system executable and waitingTime 60 s",
                        "SessionTermination: added " + END + " as the system executable"),
                changed("a second copy of ours, a blank system slot and waitingTime above AppStream's limit",
                        TWO_OF_OURS_AND_SLACK, false, TWO_OF_OURS_AND_SLACK_MERGED,
                        "SessionStart: updated our executable (context \"user\" -> \"system\")",
                        "SessionStart: removed an extra empty system slot (ours fills the one AppStream allows)",
                        "SessionStart: removed a second entry for our hook, \"" + START + "\"",
                        "SessionStart: lowered waitingTime from 90 to 60 s, the most AppStream allows",
                        "SessionTermination: set waitingTime to 60 s (it was not set)"),
                refused("a system entry with a filename that is not a string is someone's, not an empty slot",
                        "{\"SessionStart\": {\"executables\": [{\"context\": \"system\", \"filename\": 42}], \"waitingTime\": 60}}",
                        false, Reason.OTHER_SYSTEM_EXECUTABLE, "SessionStart already runs 42 as its system executable" + conflictTail),
                refused("malformed JSON", malformed, false, Reason.NOT_JSON, malformedMessage),
                refused("malformed JSON is not overwritten even with --replace", malformed, true, Reason.NOT_JSON, malformedMessage),
                refused("duplicate keys", "{\"SessionStart\": {}, \"SessionStart\": {}}", false, Reason.NOT_JSON,
                        "config.json is not valid JSON: Duplicate field 'SessionStart' at line 1, column 36." + HAND_FIX),
                refused("text after the JSON", "{}\n}", true, Reason.NOT_JSON,
                        "config.json is not valid JSON: Unexpected close marker '}': no open Object to close at line 2, column 1."
                                + HAND_FIX),
                refused("top-level array", "[" + OURS + "]", true, Reason.WRONG_SHAPE,
                        "config.json is JSON but not in the shape AppStream reads: the top level is an array, not an object"
                                + SHAPE + HAND_FIX),
                refused("event is not an object", "{\"SessionStart\": \"start.bat\"}", false, Reason.WRONG_SHAPE,
                        "config.json is JSON but not in the shape AppStream reads: SessionStart is a string, not an object"
                                + SHAPE + HAND_FIX),
                refused("executables not an array", "{\"SessionTermination\": {\"executables\": {\"context\": \"system\"}}}",
                        true, Reason.WRONG_SHAPE,
                        "config.json is JSON but not in the shape AppStream reads: SessionTermination.executables is an "
                                + "object, not an array" + SHAPE + HAND_FIX),
                refused("an executable that is not an object", "{\"SessionStart\": {\"executables\": [{}, \"x.exe\"]}}", false,
                        Reason.WRONG_SHAPE,
                        "config.json is JSON but not in the shape AppStream reads: SessionStart.executables[1] is a string, "
                                + "not an object" + SHAPE + HAND_FIX),
                refused("waitingTime not a number", "{\"SessionStart\": {\"executables\": [], \"waitingTime\": \"60\"}}", false,
                        Reason.WRONG_SHAPE,
                        "config.json is JSON but not in the shape AppStream reads: SessionStart.waitingTime is a string, "
                                + "not a number of seconds" + SHAPE + HAND_FIX));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void install(Case c) {
        assertThat(SessionScripts.install(c.existing(), HOOKS, c.replace())).isEqualTo(c.expected());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void installingAgainChangesNothing(Case c) {
        if (c.expected() instanceof Changed changed) {
            assertThat(SessionScripts.install(Optional.of(changed.text()), HOOKS, false)).isInstanceOf(Unchanged.class);
        }
    }

    @Test
    void aFreshFileIsTheShippedConfigJson() throws Exception {
        String shipped = Files.readString(Path.of("..", "config.json"));
        Changed fresh = (Changed) SessionScripts.install(Optional.empty(), HOOKS, false);
        assertThat(fresh.text()).isEqualTo(crlf(shipped));
    }

    @Test
    void ourLauncherNamesAreCheckedSoWeRecogniseThemLater() {
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> new HookFiles("C:\\SR\\start.bat", "C:\\SR\\bin\\session-end.bat"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("must end in \\bin\\session-start.bat");
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> HookFiles.under("C:\\" + "x".repeat(990)))
                .hasMessageContaining("AppStream accepts at most 1000");
        assertThat(HookFiles.under("C:\\SessionRecording\\")).isEqualTo(HOOKS);
    }
}
