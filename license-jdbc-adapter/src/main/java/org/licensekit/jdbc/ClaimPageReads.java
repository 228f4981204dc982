package org.licensekit.jdbc;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import org.licensekit.core.api.report.ClaimRow;
import org.licensekit.core.domain.ClaimId;
import org.licensekit.core.domain.ClaimStatus;
import org.licensekit.core.domain.OrganizationId;
import org.licensekit.core.domain.PoolId;
import org.licensekit.core.domain.ProductId;
import org.licensekit.core.domain.UserId;

/**
 * Runs the statements of a claims page ({@link ClaimsReportSql#page}) in order while the page has
 * room, and puts the rows of a part read by tie groups into the report's order.
 */
final class ClaimPageReads {

  private final Sql sql;

  ClaimPageReads(Sql sql) {
    this.sql = sql;
  }

  /** At most {@code limit} rows: each part's rows in turn, until the page is full. */
  List<Line> read(List<ClaimsReportSql.Part> parts, int limit) {
    List<Line> lines = new ArrayList<>();
    for (ClaimsReportSql.Part part : parts) {
      lines.addAll(read(part, limit - lines.size()));
      if (lines.size() == limit) {
        break;
      }
    }
    return lines;
  }

  /**
   * At most {@code rows} rows of one part of a page, in the report's order ({@link
   * ClaimsReportSql.Groups}): a part read by groups is read for one row more than the page wants,
   * which tells whether the page's last tie group goes on past it; only then is that group read
   * again by ascending id.
   */
  private List<Line> read(ClaimsReportSql.Part part, int rows) {
    if (part.groups().isEmpty()) {
      ClaimsReportSql.Statement statement = part.limit(rows);
      return sql.list(statement.sql(), ClaimPageReads::line, statement.params());
    }
    ClaimsReportSql.Statement statement = part.limit(rows + 1);
    List<Line> read = sql.list(statement.sql(), ClaimPageReads::line, statement.params());
    ClaimsReportSql.Groups groups = part.groups().get();
    Function<Line, Instant> value = line -> switch (groups.key()) {
      case ASSIGNED_AT -> line.assignedAt();
      case CLAIMED_AT -> line.claimedAt().orElseThrow(() -> noInstant(line));
      case EXPIRES_AT -> line.expiresAt().orElseThrow(() -> noInstant(line));
      default -> throw new IllegalStateException("rows read by groups are sorted by an instant, not by " + groups.key());
    };
    List<Line> ordered = new ArrayList<>(Math.min(read.size(), rows));
    int start = 0;
    while (start < read.size() && ordered.size() < rows) {
      Instant group = value.apply(read.get(start));
      int end = start;
      while (end < read.size() && value.apply(read.get(end)).equals(group)) {
        end++;
      }
      if (end == read.size() && read.size() > rows) {
        // The page's last group may go on past the rows read: its first rows by ascending id.
        int wanted = rows - ordered.size();
        ClaimsReportSql.Statement rest = groups.lastGroup().apply(group).limit(wanted);
        List<Line> first = sql.list(rest.sql(), ClaimPageReads::line, rest.params());
        if (first.size() < wanted) {
          ClaimsReportSql.Statement sorted = groups.sorted().limit(rows);
          return sql.list(sorted.sql(), ClaimPageReads::line, sorted.params());
        }
        ordered.addAll(first);
        return ordered;
      }
      // A whole group (the read went past it, or the part has no more rows): by ascending id, as far as the page goes.
      for (int at = end - 1; at >= start && ordered.size() < rows; at--) {
        ordered.add(read.get(at));
      }
      start = end;
    }
    return ordered;
  }

  private static IllegalStateException noInstant(Line line) {
    return new IllegalStateException("a row read by its instant has none: " + line.claim().value());
  }

  /** A claims report row before its user's organizations are known. */
  record Line(ClaimId claim, UserId user, String userName, String email, ProductId product, ClaimStatus status,
      PoolId pool, Instant assignedAt, Optional<Instant> claimedAt, Optional<Instant> expiresAt) {

    ClaimRow row(List<OrganizationId> organizations) {
      return new ClaimRow(claim, user, userName, email, product, organizations, status, pool, assignedAt, claimedAt, expiresAt);
    }
  }

  static Line line(ResultSet row) throws SQLException {
    return new Line(ClaimId.of(row.getString("id")), UserId.of(row.getString("user_id")), row.getString("user_name"),
        row.getString("email"), ProductId.of(row.getString("product_id")), Rows.enumValue(row, "status", ClaimStatus.class),
        PoolId.of(row.getString("pool_id")), Rows.instant(row, "assigned_at"), Rows.optionalInstant(row, "claimed_at"),
        Rows.optionalInstant(row, "expires_at"));
  }
}
