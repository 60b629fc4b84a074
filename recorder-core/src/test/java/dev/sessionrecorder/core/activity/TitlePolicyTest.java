package dev.sessionrecorder.core.activity;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

class TitlePolicyTest {

    @Test
    void nonAsciiTitlesAreKeptAsTheyAre() {
        String title = "Übersicht – 日本語のメール 📧 — Outlook";
        assertThat(TitlePolicy.keepAll().apply("outlook.exe", title)).isEqualTo(title);
    }

    @Test
    void controlCharactersCannotForgeLinesOrReorderText() {
        String stored = TitlePolicy.keepAll().apply("x", "a\nb\r\tc\u0000\u007f\u0085d\u202Eevil\u2066");
        assertThat(stored).isEqualTo("a\u240Ab\u240D\u2409c\u2400\u2421\uFFFDd\uFFFDevil\uFFFD");
        assertThat(stored.chars()).noneMatch(Character::isISOControl);
    }

    @Test
    void unpairedSurrogatesAreReplacedSoTheTitleIsValidUtf8() {
        String stored = TitlePolicy.keepAll().apply("x", "a\uD800b\uDC00c\uD83D\uDCE7");
        assertThat(stored).isEqualTo("a\uFFFDb\uFFFDc\uD83D\uDCE7");
        assertThat(new String(stored.getBytes(StandardCharsets.UTF_8), StandardCharsets.UTF_8)).isEqualTo(stored);
    }

    @Test
    void aTenKilobyteTitleIsBoundedWithAVisibleCut() {
        String stored = TitlePolicy.keepAll().apply("x", "x\n".repeat(5_000));
        assertThat(stored).hasSize(TitlePolicy.MAX_TITLE).endsWith("\u2026").doesNotContain("\n");
    }

    @Test
    void theCutNeverSplitsASurrogatePair() {
        String stored = TitlePolicy.keepAll().apply("x", "a" + "\uD83D\uDCE7".repeat(600));
        assertThat(stored.length()).isLessThanOrEqualTo(TitlePolicy.MAX_TITLE);
        assertThat(stored.charAt(stored.length() - 2)).isEqualTo('\uDCE7');
        assertThat(stored).endsWith("\u2026");
    }

    @Test
    void aTitleOfExactlyTheBoundIsNotCut() {
        String title = "y".repeat(TitlePolicy.MAX_TITLE);
        assertThat(TitlePolicy.keepAll().apply("x", title)).isEqualTo(title);
    }

    @Test
    void redactionMatchesTheWholeRawTitleNotOnlyTheStoredPart() {
        TitlePolicy p = new TitlePolicy(true, List.of("secret-project"));
        assertThat(p.apply("code.exe", "x".repeat(2_000) + " secret-project")).isEqualTo("[redacted]");
        assertThat(p.apply("code.exe", "public")).isEqualTo("public");
    }

    @Test
    void titlesOffStoresNothingEvenForRedactedApps() {
        TitlePolicy p = new TitlePolicy(false, List.of("outlook.exe"));
        assertThat(p.apply("outlook.exe", "Salary review")).isEmpty();
        assertThat(p.apply("excel.exe", "budget.xlsx")).isEmpty();
    }
}
