package org.licensekit.jdbc;

import com.google.common.collect.ImmutableSet;
import com.google.common.collect.ImmutableSortedMap;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.licensekit.core.domain.OrganizationId;
import org.licensekit.core.domain.PoolUsage;
import org.licensekit.core.domain.ProductId;
import org.licensekit.core.domain.TenantId;
import org.licensekit.core.domain.UserId;
import org.licensekit.core.domain.WaitlistEntry;
import org.licensekit.core.spi.WaitlistStore;

/**
 * The seat waitlist: one row per tenant × product × user, ordered by position. A queue change and
 * a seat move of the same product are serialised by the product's pool rows: {@link #lock} takes
 * them with {@code SELECT … FOR UPDATE} (in id order, so two lockers never deadlock each other), and
 * every seat take or release updates one of them.
 */
final class JdbcWaitlistStore implements WaitlistStore {

  private static final String COLUMNS = "product_id, user_id, queued_at, direct, reason";

  private final Sql sql;
  private final Tables tables;

  JdbcWaitlistStore(Sql sql, Tables tables) {
    this.sql = sql;
    this.tables = tables;
  }

  @Override
  public List<PoolUsage> lock(TenantId tenant, ProductId product) {
    sql.list("SELECT id FROM " + tables.pools() + " WHERE tenant_id = ? AND product_id = ? ORDER BY id FOR UPDATE",
        row -> row.getString(1), tenant.value(), product.value());
    // a statement of its own, after the locks are held: it sees what the transactions that held them committed
    return sql.list("SELECT " + JdbcPoolStore.COLUMNS + " FROM " + tables.pools()
            + " WHERE tenant_id = ? AND product_id = ? ORDER BY term_end, id",
        JdbcPoolStore::usage, tenant.value(), product.value());
  }

  /**
   * Two statements: whether the user waits already, then the row at the end of the queue. The
   * caller holds the product's pools ({@link #lock}), so nobody queues in between; the primary key
   * stops a caller that did not. Not one {@code INSERT … WHERE NOT EXISTS (…)}: H2 (2.4.240) reuses
   * the last result of a subquery that does not refer to the outer query when the same statement
   * runs again with equal parameters and no commit in between (its tables' change counters move at
   * commit, and only top-level queries are told of a transaction's own writes), so a second append
   * of the same user in one transaction (a reactivation queueing a product for the user's direct
   * assignment and again through a role) saw the first run's "not waiting" and inserted a second
   * row, whenever the statement was still among the eight the session keeps prepared. A top-level
   * query is read afresh every time, and the insert's aggregate is its outer query, not a subquery.
   */
  @Override
  public boolean append(TenantId tenant, WaitlistEntry entry) {
    if (sql.first("SELECT 1 FROM " + tables.waitlist() + " WHERE tenant_id = ? AND product_id = ? AND user_id = ?",
        row -> Boolean.TRUE, tenant.value(), entry.product().value(), entry.user().value()).isPresent()) {
      return false;
    }
    return sql.update("INSERT INTO " + tables.waitlist() + " (tenant_id, position, " + COLUMNS + ")"
            + " SELECT ?, COALESCE(MAX(position), 0) + 1, ?, ?, ?, ?, ? FROM " + tables.waitlist()
            + " WHERE tenant_id = ? AND product_id = ?",
        tenant.value(), entry.product().value(), entry.user().value(), entry.queuedAt(), entry.direct(), entry.reason(),
        tenant.value(), entry.product().value()) == 1;
  }

  @Override
  public List<WaitlistEntry> queue(TenantId tenant, ProductId product) {
    return sql.list("SELECT " + COLUMNS + " FROM " + tables.waitlist()
            + " WHERE tenant_id = ? AND product_id = ? ORDER BY position, user_id",
        JdbcWaitlistStore::entry, tenant.value(), product.value());
  }

  @Override
  public boolean anyWaiting(TenantId tenant, ProductId product) {
    return sql.first("SELECT 1 FROM " + tables.waitlist() + " WHERE tenant_id = ? AND product_id = ? FETCH FIRST 1 ROWS ONLY",
        row -> Boolean.TRUE, tenant.value(), product.value()).isPresent();
  }

  @Override
  public Map<ProductId, Integer> positionsOf(TenantId tenant, UserId user) {
    List<Map.Entry<ProductId, Integer>> rows = sql.list("SELECT w.product_id,"
            + " (SELECT COUNT(*) FROM " + tables.waitlist() + " a WHERE a.tenant_id = w.tenant_id AND a.product_id = w.product_id"
            + " AND (a.position < w.position OR (a.position = w.position AND a.user_id <= w.user_id))) AS place"
            + " FROM " + tables.waitlist() + " w WHERE w.tenant_id = ? AND w.user_id = ?",
        row -> Map.entry(ProductId.of(row.getString(1)), row.getInt(2)), tenant.value(), user.value());
    ImmutableSortedMap.Builder<ProductId, Integer> positions = ImmutableSortedMap.naturalOrder();
    rows.forEach(positions::put);
    return positions.build();
  }

  /** One read along the index on tenant and user. */
  @Override
  public java.util.Set<UserId> waitingAmong(TenantId tenant, Collection<UserId> users) {
    if (users.isEmpty()) {
      return java.util.Set.of();
    }
    List<Object> params = new ArrayList<>();
    params.add(tenant.value());
    users.forEach(user -> params.add(user.value()));
    return ImmutableSet.copyOf(sql.list("SELECT DISTINCT user_id FROM " + tables.waitlist() + " WHERE tenant_id = ? AND "
        + ReportSql.in("user_id", users.size()), row -> UserId.of(row.getString(1)), params.toArray()));
  }

  @Override
  public boolean remove(TenantId tenant, ProductId product, UserId user) {
    return sql.update("DELETE FROM " + tables.waitlist() + " WHERE tenant_id = ? AND product_id = ? AND user_id = ?",
        tenant.value(), product.value(), user.value()) == 1;
  }

  @Override
  public void reorder(TenantId tenant, ProductId product, List<UserId> order) {
    List<WaitlistEntry> queue = queue(tenant, product);
    ImmutableSet<UserId> waiting = queue.stream().map(WaitlistEntry::user).collect(ImmutableSet.toImmutableSet());
    if (order.size() != queue.size() || !waiting.equals(ImmutableSet.copyOf(order))) {
      throw new IllegalArgumentException("order " + order + " is not the users waiting for " + product);
    }
    List<Object[]> rows = new ArrayList<>();
    for (int i = 0; i < order.size(); i++) {
      rows.add(new Object[] {(long) i + 1, tenant.value(), product.value(), order.get(i).value()});
    }
    sql.batch("UPDATE " + tables.waitlist() + " SET position = ? WHERE tenant_id = ? AND product_id = ? AND user_id = ?", rows);
  }

  @Override
  public Map<ProductId, Integer> counts(TenantId tenant, Optional<Collection<OrganizationId>> organizations) {
    List<Object> params = new ArrayList<>();
    params.add(tenant.value());
    String members = "";
    if (organizations.isPresent()) {
      members = " AND EXISTS (SELECT 1 FROM " + tables.memberships() + " m WHERE m.tenant_id = w.tenant_id AND m.user_id = w.user_id AND "
          + ReportSql.in("m.organization_id", organizations.get().size()) + ")";
      organizations.get().forEach(org -> params.add(org.value()));
    }
    List<Map.Entry<ProductId, Integer>> rows = sql.list("SELECT w.product_id, COUNT(*) FROM " + tables.waitlist() + " w"
            + " WHERE w.tenant_id = ?" + members + " GROUP BY w.product_id",
        row -> Map.entry(ProductId.of(row.getString(1)), row.getInt(2)), params.toArray());
    ImmutableSortedMap.Builder<ProductId, Integer> counts = ImmutableSortedMap.naturalOrder();
    rows.forEach(counts::put);
    return counts.build();
  }

  private static WaitlistEntry entry(ResultSet row) throws SQLException {
    return WaitlistEntry.builder()
        .product(ProductId.of(row.getString("product_id")))
        .user(UserId.of(row.getString("user_id")))
        .queuedAt(Rows.instant(row, "queued_at"))
        .direct(row.getBoolean("direct"))
        .reason(row.getString("reason"))
        .build();
  }
}
