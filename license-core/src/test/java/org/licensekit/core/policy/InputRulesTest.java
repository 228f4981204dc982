package org.licensekit.core.policy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import org.junit.jupiter.api.Test;
import org.licensekit.core.InvalidInputException;
import org.licensekit.core.domain.InputBounds;

class InputRulesTest {

  private static final Instant NOW = Instant.parse("2026-09-01T00:00:00Z");

  private static void assertRefused(Runnable call, String field) {
    assertThatThrownBy(call::run).isInstanceOfSatisfying(InvalidInputException.class,
        e -> assertThat(e.fields()).containsExactly(field));
  }

  @Test
  void emailIsStrippedComposedAndLowerCasedByTheRootLocale() {
    assertThat(InputRules.email("  Ana.Lopez@Example.ORG \t")).isEqualTo("ana.lopez@example.org");
    assertThat(InputRules.email("Zoe\u0301@example.org")).isEqualTo("zo\u00e9@example.org");
    assertThat(InputRules.email("\u2003ZOÉ@EXAMPLE.ORG\u2003")).isEqualTo("zo\u00e9@example.org");
  }

  @Test
  void theRootLocaleDecidesNotTheDefaultLocale() {
    Locale saved = Locale.getDefault();
    try {
      Locale.setDefault(Locale.forLanguageTag("tr-TR"));
      assertThat(InputRules.email("IRIS@EXAMPLE.ORG")).isEqualTo("iris@example.org");
    } finally {
      Locale.setDefault(saved);
    }
  }

  @Test
  void searchKeysOfGreekCapitalsUseTheFinalSigmaLikeJava() {
    assertThat(InputRules.searchKey("ΟΔΥΣΣΕΥΣ")).isEqualTo("οδυσσευς");
    assertThat(InputRules.searchKey("Cafe\u0301")).isEqualTo(InputRules.searchKey("CAFÉ"));
  }

  @Test
  void namesAreBoundedNotBlankAndFreeOfNul() {
    assertThat(InputRules.requireName("name", "x".repeat(200))).hasSize(200);
    assertRefused(() -> InputRules.requireName("name", "x".repeat(201)), "name");
    assertRefused(() -> InputRules.requireName("name", " \t"), "name");
    assertRefused(() -> InputRules.requireName("name", null), "name");
    assertRefused(() -> InputRules.requireName("name", "a\u0000b"), "name");
    assertRefused(() -> InputRules.requireName("name", "lone \ud800 surrogate"), "name");
    assertRefused(() -> InputRules.requireName("name", "\udfff"), "name");
    assertThat(InputRules.requireName("name", "paired \ud83d\udc69\u200d\ud83c\udfeb emoji")).contains("\ud83d\udc69");
    assertThat(InputRules.requireName("name", "=HYPERLINK(\"x\") ‮ bidi")).startsWith("=");
  }

  @Test
  void reasonsAreBoundedAt1000() {
    assertThat(InputRules.requireReason("r".repeat(1_000))).hasSize(1_000);
    assertRefused(() -> InputRules.requireReason("r".repeat(1_001)), "reason");
    assertRefused(() -> InputRules.requireReason(""), "reason");
  }

  @Test
  void durationsArePositiveAndBounded() {
    assertThat(InputBounds.requireDuration("d", InputBounds.MAX_VALIDITY, InputBounds.MAX_VALIDITY)).isEqualTo(InputBounds.MAX_VALIDITY);
    assertRefused(() -> InputBounds.requireDuration("d", InputBounds.MAX_VALIDITY.plusNanos(1), InputBounds.MAX_VALIDITY), "d");
    assertRefused(() -> InputBounds.requireDuration("d", Duration.ofSeconds(Long.MAX_VALUE), InputBounds.MAX_VALIDITY), "d");
    assertRefused(() -> InputBounds.requireDuration("d", Duration.ZERO, InputBounds.MAX_VALIDITY), "d");
    assertRefused(() -> InputBounds.requireDuration("d", Duration.ofDays(-1), InputBounds.MAX_VALIDITY), "d");
    // The longest allowed validity, added to the latest storable instant's year, still fits an Instant.
    assertThat(InputBounds.LATEST.plus(InputBounds.MAX_VALIDITY)).isAfter(InputBounds.LATEST);
  }

  @Test
  void anExtensionMustEndLaterThanTheTermAndThanNow() {
    Instant end = NOW.plus(Duration.ofDays(30));

    assertThat(InputRules.requireExtension(end, end.plusSeconds(1), NOW)).isEqualTo(end.plusSeconds(1));
    assertRefused(() -> InputRules.requireExtension(end, end, NOW), "newEnd");
    assertRefused(() -> InputRules.requireExtension(end, end.minusSeconds(1), NOW), "newEnd");
    Instant endedLongAgo = NOW.minus(Duration.ofDays(90));
    assertRefused(() -> InputRules.requireExtension(endedLongAgo, NOW.minus(Duration.ofDays(1)), NOW), "newEnd");
    assertRefused(() -> InputRules.requireExtension(end, Instant.MAX, NOW), "newEnd");
    assertRefused(() -> InputRules.requireExtension(end, null, NOW), "newEnd");
  }

  @Test
  void instantsOutsideWhatDatabasesStoreAreRefused() {
    assertRefused(() -> InputBounds.requireStorable("term.end", Instant.MAX), "term.end");
    assertRefused(() -> InputBounds.requireStorable("term.start", Instant.MIN), "term.start");
    assertThat(InputBounds.requireStorable("term.end", InputBounds.LATEST)).isEqualTo(InputBounds.LATEST);
  }
}
