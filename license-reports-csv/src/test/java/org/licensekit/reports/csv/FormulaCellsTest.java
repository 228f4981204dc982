package org.licensekit.reports.csv;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class FormulaCellsTest {

  private static final List<String> FORMULAS = List.of(
      "=HYPERLINK(\"http://evil.example\",\"click\")", "+1+2", "-2+3", "@SUM(A1:A9)", "\t=1", "\r=1",
      "   =cmd|' /C calc'!A0", " @x", "=", "-");

  private static final List<String> HARMLESS = List.of(
      "", "Ana Lopez", "ana@example.org", "a=b", "1-2", "'plain quoted", "''", "  spaced  ", "Zoë", "2026-09-01T00:00:00Z");

  @Test
  void neutralizePrefixesEveryCellASpreadsheetWouldEvaluate() {
    for (String cell : FORMULAS) {
      assertThat(FormulaCells.NEUTRALIZE.apply(cell)).as(cell).isEqualTo("'" + cell);
    }
  }

  @Test
  void neutralizeLeavesOtherCellsAlone() {
    for (String cell : HARMLESS) {
      assertThat(FormulaCells.NEUTRALIZE.apply(cell)).as(cell).isEqualTo(cell);
    }
  }

  @Test
  void aQuotedFormulaGetsOneMoreQuoteSoItCanBeReadBack() {
    assertThat(FormulaCells.NEUTRALIZE.apply("'=1+1")).isEqualTo("''=1+1");
    assertThat(FormulaCells.original("''=1+1")).isEqualTo("'=1+1");
    assertThat(FormulaCells.original("'=1+1")).isEqualTo("=1+1");
  }

  @Test
  void verbatimWritesEveryCellUnchanged() {
    for (String cell : FORMULAS) {
      assertThat(FormulaCells.VERBATIM.apply(cell)).isEqualTo(cell);
    }
  }

  @Test
  void originalUndoesNeutralizeForEveryCell() {
    for (String cell : List.of(FORMULAS, HARMLESS, List.of("'=1", "''-2", "' @x")).stream().flatMap(List::stream).toList()) {
      assertThat(FormulaCells.original(FormulaCells.NEUTRALIZE.apply(cell))).as(cell).isEqualTo(cell);
    }
  }
}
