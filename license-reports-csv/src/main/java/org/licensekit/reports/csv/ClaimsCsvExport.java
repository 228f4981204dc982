package org.licensekit.reports.csv;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.stream.Collectors;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;
import org.licensekit.core.api.report.ClaimRow;
import org.licensekit.core.api.report.ClaimsQuery;
import org.licensekit.core.api.report.Reports;

/**
 * Streams the claims report to CSV (RFC 4180: comma-separated, CRLF line ends, fields quoted when
 * they hold a comma, quote or line break). It reads the report through {@link
 * Reports#forEachClaim}, which a database store answers with one query read through a forward-only
 * cursor, and writes each row as it arrives, so exporting a million claims needs no more memory
 * than one fetch of rows.
 *
 * <pre>{@code
 * try (Writer out = Files.newBufferedWriter(path, StandardCharsets.UTF_8)) {
 *   ClaimsCsvExport.of(session.reports()).write(ClaimsQuery.builder().build(), out);
 * }
 * }</pre>
 *
 * <p>Columns are {@link #HEADER}: organizations are joined with {@code ;} (organization ids never
 * contain it), instants are ISO-8601 in UTC, absent values are empty fields.
 *
 * <p>Cells a spreadsheet would evaluate as a formula (a user named {@code =HYPERLINK(...)}) are
 * neutralized with a leading {@code '} by default; see {@link FormulaCells}. Pass
 * {@link FormulaCells#VERBATIM} to {@link #of(Reports, FormulaCells)} for a file only programs read.
 */
public final class ClaimsCsvExport {

  /** The header row. */
  public static final List<String> HEADER = List.of(
      "claim_id", "user_id", "user_name", "email", "product", "organizations", "status", "pool",
      "assigned_at", "claimed_at", "expires_at");

  private static final CSVFormat FORMAT = CSVFormat.RFC4180.builder().setHeader(HEADER.toArray(String[]::new)).get();

  private final Reports reports;
  private final FormulaCells formulas;

  private ClaimsCsvExport(Reports reports, FormulaCells formulas) {
    this.reports = reports;
    this.formulas = formulas;
  }

  /**
   * An export reading through {@code reports}, so it is authorized as that session's actor, that
   * neutralizes formula cells ({@link FormulaCells#NEUTRALIZE}).
   *
   * @throws NullPointerException when {@code reports} is null
   */
  public static ClaimsCsvExport of(Reports reports) {
    return of(reports, FormulaCells.NEUTRALIZE);
  }

  /**
   * An export reading through {@code reports} that treats formula cells as {@code formulas} says.
   *
   * @throws NullPointerException when an argument is null
   */
  public static ClaimsCsvExport of(Reports reports, FormulaCells formulas) {
    return new ClaimsCsvExport(Objects.requireNonNull(reports, "reports"), Objects.requireNonNull(formulas, "formulas"));
  }

  /**
   * Writes the header and every row of {@code query} (from its cursor on; its limit is not used)
   * to {@code out}, and flushes it. Leaves {@code out} open. The store may hold a connection open
   * while rows are written: give it a buffered writer to a file or a response, not one that waits
   * on LicenseKit.
   *
   * @return the number of rows written
   * @throws UncheckedIOException when writing fails
   */
  public long write(ClaimsQuery query, Appendable out) {
    try {
      CSVPrinter printer = new CSVPrinter(out, FORMAT);
      long written = reports.forEachClaim(query, row -> {
        try {
          printer.printRecord(fields(row));
        } catch (IOException e) {
          throw new UncheckedIOException("writing the claims CSV failed", e);
        }
      });
      printer.flush();
      return written;
    } catch (IOException e) {
      throw new UncheckedIOException("writing the claims CSV failed", e);
    }
  }

  private List<String> fields(ClaimRow row) {
    return cells(
        row.claim().value(),
        row.user().value(),
        row.userName(),
        row.email(),
        row.product().value(),
        row.organizations().stream().map(Object::toString).collect(Collectors.joining(";")),
        row.status().name(),
        row.pool().value(),
        row.assignedAt().toString(),
        text(row.claimedAt()),
        text(row.expiresAt()));
  }

  private List<String> cells(String... values) {
    return Arrays.stream(values).map(formulas::apply).toList();
  }

  private static String text(Optional<Instant> instant) {
    return instant.map(Instant::toString).orElse("");
  }
}
