package org.licensekit.reports.csv;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.apache.commons.csv.CSVFormat;
import org.licensekit.core.api.report.ClaimRow;
import org.licensekit.core.api.report.ClaimsQuery;
import org.licensekit.core.api.report.Reports;
import org.licensekit.core.domain.OrganizationId;

/**
 * Streams the claims report to CSV (RFC 4180: comma-separated, CRLF line ends, fields quoted when
 * they hold a comma, quote or line break). It reads the report through {@link
 * Reports#forEachClaim}, which a database store answers with one query read through a forward-only
 * cursor, and writes each row as it arrives, so exporting a million claims needs no more memory
 * than one fetch of rows. Rows are formatted into a buffer of 65,536 characters
 * that is handed to the output whole, so the output sees a few hundred calls per million rows; the
 * bytes are those Apache Commons CSV's printer writes for the same cells.
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
      CsvRows csv = new CsvRows(FORMAT, out);
      for (String name : HEADER) {
        csv.cell(name);
      }
      csv.endRecord();
      long written = reports.forEachClaim(query, row -> {
        try {
          write(row, csv);
        } catch (IOException e) {
          throw new UncheckedIOException("writing the claims CSV failed", e);
        }
      });
      csv.flush();
      return written;
    } catch (IOException e) {
      throw new UncheckedIOException("writing the claims CSV failed", e);
    }
  }

  /** One record: each text cell through the formula policy, the instants written straight into the buffer. */
  private void write(ClaimRow row, CsvRows csv) throws IOException {
    csv.cell(formulas.apply(row.claim().value()));
    csv.cell(formulas.apply(row.user().value()));
    csv.cell(formulas.apply(row.userName()));
    csv.cell(formulas.apply(row.email()));
    csv.cell(formulas.apply(row.product().value()));
    csv.cell(formulas.apply(organizations(row.organizations())));
    csv.cell(row.status().name());
    csv.cell(formulas.apply(row.pool().value()));
    instant(csv, row.assignedAt());
    instant(csv, row.claimedAt());
    instant(csv, row.expiresAt());
    csv.endRecord();
  }

  private static String organizations(List<OrganizationId> organizations) {
    if (organizations.size() == 1) {
      return organizations.get(0).value();
    }
    StringBuilder joined = new StringBuilder();
    for (OrganizationId organization : organizations) {
      joined.append(joined.length() == 0 ? "" : ";").append(organization.value());
    }
    return joined.toString();
  }

  private void instant(CsvRows csv, Optional<Instant> instant) throws IOException {
    if (instant.isPresent()) {
      instant(csv, instant.get());
    } else {
      csv.cell("");
    }
  }

  /** An instant of years 0000 to 9999 starts with a digit and ends with {@code Z}: plain, and never a formula. */
  private void instant(CsvRows csv, Instant instant) throws IOException {
    if (IsoInstants.inFourDigitYears(instant)) {
      IsoInstants.append(csv.plainCell(), instant);
    } else {
      csv.cell(formulas.apply(instant.toString()));
    }
  }
}
