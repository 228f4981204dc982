package org.licensekit.core.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.licensekit.core.InvalidInputException;

class TermTest {

  private static final Instant START = Instant.parse("2026-08-01T00:00:00Z");
  private static final Instant END = Instant.parse("2027-07-31T00:00:00Z");
  private static final Term SCHOOL_YEAR = Term.of(START, END);

  @Test
  void termStartsAtItsStartInclusive() {
    assertThat(SCHOOL_YEAR.contains(START)).isTrue();
    assertThat(SCHOOL_YEAR.contains(START.minusNanos(1))).isFalse();
  }

  @Test
  void termEndsAtItsEndExclusive() {
    assertThat(SCHOOL_YEAR.contains(END.minusNanos(1))).isTrue();
    assertThat(SCHOOL_YEAR.contains(END)).isFalse();
  }

  @Test
  void termHasEndedFromItsEndOn() {
    assertThat(SCHOOL_YEAR.endedAt(END.minusNanos(1))).isFalse();
    assertThat(SCHOOL_YEAR.endedAt(END)).isTrue();
    assertThat(SCHOOL_YEAR.endedAt(END.plusSeconds(1))).isTrue();
  }

  @Test
  void termThatHasNotStartedHasNotEnded() {
    assertThat(SCHOOL_YEAR.endedAt(START.minusSeconds(1))).isFalse();
    assertThat(SCHOOL_YEAR.contains(START.minusSeconds(1))).isFalse();
  }

  @Test
  void termMustEndAfterItStarts() {
    assertThatThrownBy(() -> Term.of(END, START))
        .isInstanceOfSatisfying(InvalidInputException.class, e -> assertThat(e.fields()).containsExactly("term.end"));
    assertThatThrownBy(() -> Term.of(START, START))
        .isInstanceOfSatisfying(InvalidInputException.class, e -> assertThat(e.fields()).containsExactly("term.end"));
  }

  @Test
  void termNeedsBothInstants() {
    assertThatThrownBy(() -> Term.of(null, END)).isInstanceOf(NullPointerException.class).hasMessage("start");
    assertThatThrownBy(() -> Term.of(START, null)).isInstanceOf(NullPointerException.class).hasMessage("end");
  }

  @Test
  void extendedTermKeepsItsStart() {
    Instant later = END.plusSeconds(86_400 * 30);

    assertThat(SCHOOL_YEAR.withEnd(later)).isEqualTo(Term.of(START, later));
  }

  @Test
  void termCannotBeCutToEndBeforeItStarts() {
    assertThatThrownBy(() -> SCHOOL_YEAR.withEnd(START.minusSeconds(1))).isInstanceOf(InvalidInputException.class);
  }
}
