package org.licensekit.reports.csv;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.StringWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;
import org.junit.jupiter.api.Test;

/** The export's CSV writer against Apache Commons CSV's printer: the same bytes, whatever the cells hold. */
class CsvRowsTest {

  private static final CSVFormat FORMAT = CSVFormat.RFC4180;
  private static final String CHARACTERS = "aZ09 ,\"'\r\n\t#!$=+-@;.é佐\u0001";

  @Test
  void writesEveryRecordAsCommonsCsvPrintsIt() throws IOException {
    long seed = System.nanoTime();
    Random random = new Random(seed);
    List<List<String>> records = new ArrayList<>();
    for (int r = 0; r < 3_000; r++) {
      List<String> record = new ArrayList<>();
      int cells = 1 + random.nextInt(5);
      for (int c = 0; c < cells; c++) {
        StringBuilder cell = new StringBuilder();
        int length = random.nextInt(5);
        for (int i = 0; i < length; i++) {
          cell.append(CHARACTERS.charAt(random.nextInt(CHARACTERS.length())));
        }
        record.add(cell.toString());
      }
      records.add(record);
    }
    StringWriter ours = new StringWriter();
    CsvRows rows = new CsvRows(FORMAT, ours);
    StringBuilder theirs = new StringBuilder();
    CSVPrinter printer = new CSVPrinter(theirs, FORMAT);

    for (List<String> record : records) {
      for (String cell : record) {
        rows.cell(cell);
      }
      rows.endRecord();
      printer.printRecord(record);
    }
    rows.flush();

    assertThat(ours.toString()).as("seed %d", seed).isEqualTo(theirs.toString());
  }

  @Test
  void plainCellsAreExactlyThoseCommonsCsvLeavesUnquotedAnywhereInARecord() throws IOException {
    for (String cell : List.of("abc", "a b", "'=x", "$", "#x", "!x", " x", "x ", "x\t", "", "a,b", "a\"b", "a\nb", "é")) {
      StringBuilder first = new StringBuilder();
      FORMAT.print(cell, first, true);
      StringBuilder later = new StringBuilder();
      FORMAT.print(cell, later, false);
      boolean verbatim = first.toString().equals(cell) && later.toString().equals("," + cell);
      assertThat(CsvRows.plain(cell)).as("'%s'", cell).isEqualTo(verbatim);
    }
  }

  @Test
  void largeOutputsAreHandedOnInPiecesAndFlushed() throws IOException {
    List<Integer> pieces = new ArrayList<>();
    StringBuilder received = new StringBuilder();
    Appendable out = new Appendable() {
      @Override
      public Appendable append(CharSequence csq) {
        pieces.add(csq.length());
        received.append(csq);
        return this;
      }

      @Override
      public Appendable append(CharSequence csq, int start, int end) {
        return append(csq.subSequence(start, end));
      }

      @Override
      public Appendable append(char c) {
        return append(String.valueOf(c));
      }
    };
    CsvRows rows = new CsvRows(FORMAT, out);
    for (int i = 0; i < 20_000; i++) {
      rows.cell("row-" + i);
      rows.endRecord();
    }
    rows.flush();

    assertThat(received.toString()).startsWith("row-0\r\nrow-1\r\n").endsWith("row-19999\r\n");
    assertThat(pieces).hasSizeBetween(2, 10).allSatisfy(length -> assertThat(length).isLessThan(CsvRows.BUFFER + 1024));
  }
}
