package org.licensekit.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.licensekit.core.api.report.ClaimDateField;
import org.licensekit.core.api.report.ClaimRow;
import org.licensekit.core.api.report.ClaimSortKey;
import org.licensekit.core.api.report.SortDirection;
import org.licensekit.core.domain.ClaimStatus;
import org.licensekit.core.domain.TenantId;
import org.licensekit.core.spi.LicenseStore;
import org.licensekit.core.spi.report.ClaimsSelection;
import org.licensekit.testkit.fixtures.Fixtures;

/**
 * A claims page by expiry, newest first, whose last tie group lost rows between the backward read
 * and the re-read of the group by ascending id (a concurrent delete in a read-committed
 * transaction): the page is read again in one sorted statement, so it still holds the rows after
 * the group instead of ending early.
 */
class H2ClaimsTieGroupTest {

  private static final Instant TERM_END = Instant.parse("2027-07-01T00:00:00Z");
  private static final Instant EARLIER = Instant.parse("2027-01-01T00:00:00Z");

  private final H2TestDatabase database = H2TestDatabase.create();
  private final AtomicBoolean armed = new AtomicBoolean();
  private final LicenseStore store = JdbcLicenseStore.builder(deletingBeforeTheGroupReread(database.dataSource().target())).build();
  private final TenantId tenant = Fixtures.tenant();

  @Test
  void aGroupThatLostRowsBetweenTheTwoReadsIsReadAgainSorted() {
    store.catalog().saveProduct(tenant, Fixtures.product("p").build());
    store.pools().insert(tenant, Fixtures.pool("pool", "p").build());
    for (int i = 1; i <= 6; i++) {
      store.directory().insertUser(tenant, Fixtures.user("u" + i).build());
      Instant expiry = i == 6 ? EARLIER : TERM_END;
      store.claims().insertIfNoLiveClaim(tenant,
          Fixtures.activated(Fixtures.claim("c" + i, "u" + i, "p", "pool").build(), Fixtures.T0, expiry));
    }
    ClaimsSelection byExpiryNewestFirst = new ClaimsSelection(ClaimDateField.ASSIGNED, Optional.empty(), Optional.empty(),
        Optional.empty(), Optional.empty(), Set.<ClaimStatus>of(), Optional.empty(), Optional.empty(), ClaimSortKey.EXPIRES_AT,
        SortDirection.DESCENDING);

    // Undisturbed: the tie group by ascending id, then the earlier expiry.
    assertThat(ids(store.reports().claims(tenant, byExpiryNewestFirst, Optional.empty(), 3))).containsExactly("c1", "c2", "c3");

    // The backward read sees c5, c4, c3 (the whole page inside the group); c1..c3 go before the re-read.
    armed.set(true);
    List<ClaimRow> page = store.reports().claims(tenant, byExpiryNewestFirst, Optional.empty(), 3);

    assertThat(armed).isFalse();
    assertThat(ids(page)).containsExactly("c4", "c5", "c6");
    assertThat(page).isEqualTo(store.reports().claims(tenant, byExpiryNewestFirst, Optional.empty(), 3));
  }

  private static List<String> ids(List<ClaimRow> rows) {
    return rows.stream().map(row -> row.claim().value()).toList();
  }

  /** Connections that, once armed, delete c1..c3 on another connection before the tie group's re-read is prepared. */
  private DataSource deletingBeforeTheGroupReread(DataSource target) {
    return new ForwardingDataSource(target) {
      @Override
      public Connection getConnection() throws SQLException {
        Connection connection = target.getConnection();
        return (Connection) Proxy.newProxyInstance(Connection.class.getClassLoader(), new Class<?>[] {Connection.class},
            (proxy, method, args) -> {
              if (method.getName().equals("prepareStatement") && args != null && args[0] instanceof String sql
                  && sql.contains("c.expires_at = ?") && armed.compareAndSet(true, false)) {
                try (Connection other = target.getConnection(); Statement delete = other.createStatement()) {
                  other.setAutoCommit(true);
                  delete.executeUpdate("DELETE FROM lk_claims WHERE id IN ('c1', 'c2', 'c3')");
                }
              }
              try {
                return method.invoke(connection, args);
              } catch (InvocationTargetException e) {
                throw e.getCause();
              }
            });
      }
    };
  }
}
