package org.licensekit.jdbc;

import java.sql.SQLException;
import java.time.LocalDate;
import java.util.Optional;
import org.licensekit.core.domain.ProductId;
import org.licensekit.core.domain.TenantId;
import org.licensekit.core.domain.UserId;
import org.licensekit.core.spi.UsageStore;
import org.licensekit.core.spi.report.UsageDay;

/**
 * Product use, one row per user × product × UTC day, recorded by an upsert that loses nothing under
 * concurrency: on PostgreSQL one {@code INSERT … ON CONFLICT DO UPDATE SET launches = launches +
 * EXCLUDED.launches}; on H2, whose {@code MERGE} would overwrite a concurrent increment, an
 * {@code UPDATE … SET launches = launches + ?} (which waits for the row lock and adds to the latest
 * value) and, when there is no row yet, an insert behind a savepoint, updating again if another
 * transaction inserted the row first.
 */
final class JdbcUsageStore implements UsageStore {

  /** How often H2 goes round update-then-insert before the whole command is retried. */
  private static final int H2_ATTEMPTS = 3;
  private static final String COLUMNS = "tenant_id, user_id, product_id, usage_day, launches, progress";

  private final Sql sql;
  private final Tables tables;
  private final Dialect dialect;
  private final JdbcTransactions transactions;

  JdbcUsageStore(Sql sql, Tables tables, Dialect dialect, JdbcTransactions transactions) {
    this.sql = sql;
    this.tables = tables;
    this.dialect = dialect;
    this.transactions = transactions;
  }

  @Override
  public void record(TenantId tenant, UsageDay delta) {
    Object[] row = {tenant.value(), delta.user().value(), delta.product().value(), delta.day(), delta.launches(), delta.progress()};
    if (dialect == Dialect.POSTGRESQL) {
      sql.update("INSERT INTO " + tables.usageDays() + " AS u (" + COLUMNS + ") VALUES (?, ?, ?, ?, ?, ?)"
          + " ON CONFLICT (tenant_id, user_id, product_id, usage_day) DO UPDATE"
          + " SET launches = u.launches + EXCLUDED.launches, progress = GREATEST(u.progress, EXCLUDED.progress)", row);
      return;
    }
    // In a transaction of its own when called alone, so that the retry below re-runs this recording.
    transactions.inTransaction(() -> {
      recordOnH2(tenant, delta, row);
      return null;
    });
  }

  private void recordOnH2(TenantId tenant, UsageDay delta, Object[] row) {
    String insert = "INSERT INTO " + tables.usageDays() + " (" + COLUMNS + ") VALUES (?, ?, ?, ?, ?, ?)";
    for (int attempt = 0; attempt < H2_ATTEMPTS; attempt++) {
      int updated = sql.update("UPDATE " + tables.usageDays() + " SET launches = launches + ?, progress = GREATEST(progress, ?)"
              + " WHERE tenant_id = ? AND user_id = ? AND product_id = ? AND usage_day = ?",
          delta.launches(), delta.progress(), tenant.value(), delta.user().value(), delta.product().value(), delta.day());
      if (updated == 1 || sql.insertUnlessDuplicate(insert, "(tenant_id, user_id, product_id, usage_day)", row)) {
        return;
      }
    }
    // Another transaction holds the new row uncommitted: re-run the command once it has settled.
    throw SqlFailure.retryable(new SQLException("The usage row of " + delta.user() + " × " + delta.product() + " on "
        + delta.day() + " was being inserted by another transaction", "40001"));
  }

  @Override
  public Optional<UsageDay> find(TenantId tenant, UserId user, ProductId product, LocalDate day) {
    return sql.first("SELECT launches, progress FROM " + tables.usageDays()
            + " WHERE tenant_id = ? AND user_id = ? AND product_id = ? AND usage_day = ?",
        row -> new UsageDay(user, product, day, row.getInt("launches"), row.getInt("progress")),
        tenant.value(), user.value(), product.value(), day);
  }
}
