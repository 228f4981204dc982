package org.licensekit.jdbc;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.Optional;
import org.licensekit.core.ConflictException;
import org.licensekit.core.ErrorCode;
import org.licensekit.core.domain.LicensePool;
import org.licensekit.core.domain.OrganizationId;
import org.licensekit.core.domain.PoolId;
import org.licensekit.core.domain.PoolUsage;
import org.licensekit.core.domain.ProductId;
import org.licensekit.core.domain.TenantId;
import org.licensekit.core.domain.Term;
import org.licensekit.core.spi.PoolStore;
import org.licensekit.core.spi.WaitlistStore;

/**
 * License pools with a seat counter kept on the pool row. Every change of the counter or of the
 * seats is one conditional UPDATE, so the database's row lock decides races between connections
 * and JVMs: the seat rule holds without any lock in Java.
 */
final class JdbcPoolStore implements PoolStore {

  /** The columns {@link #usage} reads, unqualified. */
  static final String COLUMNS =
      "id, product_id, seats, seats_in_use, term_start, term_end, renewal_date, reference, scope_organization_id";

  private final Sql sql;
  private final Tables tables;

  JdbcPoolStore(Sql sql, Tables tables) {
    this.sql = sql;
    this.tables = tables;
  }

  @Override
  public void insert(TenantId tenant, LicensePool pool) {
    boolean inserted = sql.insertUnlessDuplicate(
        "INSERT INTO " + tables.pools() + " (tenant_id, " + COLUMNS + ") VALUES (" + Dialect.placeholders(10) + ")",
        "(tenant_id, id)",
        tenant.value(), pool.id().value(), pool.product().value(), pool.seats(), 0, pool.term().start(), pool.term().end(),
        pool.renewalDate(), pool.reference(), pool.scope().map(OrganizationId::value));
    if (!inserted) {
      throw new ConflictException(ErrorCode.DUPLICATE_POOL, "A pool with id '" + pool.id() + "' exists already in this tenant");
    }
  }

  @Override
  public boolean updateDefinition(TenantId tenant, LicensePool pool) {
    return sql.update("UPDATE " + tables.pools()
            + " SET term_start = ?, term_end = ?, renewal_date = ?, reference = ?, scope_organization_id = ?"
            + " WHERE tenant_id = ? AND id = ?",
        pool.term().start(), pool.term().end(), pool.renewalDate(), pool.reference(),
        pool.scope().map(OrganizationId::value), tenant.value(), pool.id().value()) == 1;
  }

  @Override
  public Optional<PoolUsage> find(TenantId tenant, PoolId id) {
    return sql.first("SELECT " + COLUMNS + " FROM " + tables.pools() + " WHERE tenant_id = ? AND id = ?",
        JdbcPoolStore::usage, tenant.value(), id.value());
  }

  @Override
  public List<PoolUsage> listForProduct(TenantId tenant, ProductId product) {
    return sql.list("SELECT " + COLUMNS + " FROM " + tables.pools()
            + " WHERE tenant_id = ? AND product_id = ? ORDER BY term_end, id",
        JdbcPoolStore::usage, tenant.value(), product.value());
  }

  /**
   * On PostgreSQL one statement: a one-row "does anyone wait" joined with the product's pools, so
   * a product without pools still answers.
   */
  @Override
  public ProductSeats listForAssignment(TenantId tenant, ProductId product, WaitlistStore waitlist) {
    if (!sql.postgres()) {
      return PoolStore.super.listForAssignment(tenant, product, waitlist);
    }
    List<WaitingAndPool> rows = sql.list("SELECT w.waiting, p." + COLUMNS.replace(", ", ", p.") + " FROM (SELECT EXISTS (SELECT 1 FROM "
            + tables.waitlist() + " WHERE tenant_id = ? AND product_id = ?) AS waiting) w LEFT JOIN " + tables.pools()
            + " p ON p.tenant_id = ? AND p.product_id = ? ORDER BY p.term_end, p.id",
        row -> new WaitingAndPool(row.getBoolean("waiting"), row.getString("id") == null ? Optional.empty() : Optional.of(usage(row))),
        tenant.value(), product.value(), tenant.value(), product.value());
    return new ProductSeats(rows.stream().flatMap(row -> row.pool().stream()).toList(), rows.get(0).waiting());
  }

  /** A row of {@link #listForAssignment}: the one-row answer to "does anyone wait", and a pool unless the product has none. */
  private record WaitingAndPool(boolean waiting, Optional<PoolUsage> pool) {}

  @Override
  public List<PoolUsage> list(TenantId tenant) {
    return sql.list("SELECT " + COLUMNS + " FROM " + tables.pools() + " WHERE tenant_id = ? ORDER BY product_id, term_end, id",
        JdbcPoolStore::usage, tenant.value());
  }

  @Override
  public boolean tryTakeSeat(TenantId tenant, PoolId pool) {
    return sql.update("UPDATE " + tables.pools() + " SET seats_in_use = seats_in_use + 1"
        + " WHERE tenant_id = ? AND id = ? AND seats_in_use < seats", tenant.value(), pool.value()) == 1;
  }

  /** One conditional UPDATE for the whole count: the row lock is taken once, and only when all the seats are free. */
  @Override
  public boolean tryTakeSeats(TenantId tenant, PoolId pool, int count) {
    if (count < 1) {
      throw new IllegalArgumentException("count must be at least 1: " + count);
    }
    return sql.update("UPDATE " + tables.pools() + " SET seats_in_use = seats_in_use + ?"
        + " WHERE tenant_id = ? AND id = ? AND seats_in_use + ? <= seats", count, tenant.value(), pool.value(), count) == 1;
  }

  @Override
  public boolean releaseSeat(TenantId tenant, PoolId pool) {
    return sql.update("UPDATE " + tables.pools() + " SET seats_in_use = seats_in_use - 1"
        + " WHERE tenant_id = ? AND id = ? AND seats_in_use > 0", tenant.value(), pool.value()) == 1;
  }

  @Override
  public boolean trySetSeats(TenantId tenant, PoolId pool, int seats) {
    return sql.update("UPDATE " + tables.pools() + " SET seats = ? WHERE tenant_id = ? AND id = ? AND seats_in_use <= ?",
        seats, tenant.value(), pool.value(), seats) == 1;
  }

  /** Reads a pool and its counter selected with {@link #COLUMNS}. */
  static PoolUsage usage(ResultSet row) throws SQLException {
    LicensePool pool = LicensePool.builder()
        .id(PoolId.of(row.getString("id")))
        .product(ProductId.of(row.getString("product_id")))
        .seats(row.getInt("seats"))
        .term(Term.of(Rows.instant(row, "term_start"), Rows.instant(row, "term_end")))
        .renewalDate(Rows.optionalDate(row, "renewal_date"))
        .reference(Rows.optionalString(row, "reference"))
        .scope(Rows.optionalString(row, "scope_organization_id").map(OrganizationId::of))
        .build();
    return new PoolUsage(pool, row.getInt("seats_in_use"));
  }
}
