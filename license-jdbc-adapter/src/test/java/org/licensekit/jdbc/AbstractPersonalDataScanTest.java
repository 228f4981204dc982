package org.licensekit.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.licensekit.core.ActorSession;
import org.licensekit.core.Licensing;
import org.licensekit.core.api.BulkAction;
import org.licensekit.core.api.BulkRequest;
import org.licensekit.core.api.DefaultCatalog;
import org.licensekit.core.api.NewPool;
import org.licensekit.core.api.NewUser;
import org.licensekit.core.api.UserFilter;
import org.licensekit.core.api.UserUpdate;
import org.licensekit.core.domain.Actor;
import org.licensekit.core.domain.Organization;
import org.licensekit.core.domain.OrganizationId;
import org.licensekit.core.domain.PoolId;
import org.licensekit.core.domain.Product;
import org.licensekit.core.domain.ProductId;
import org.licensekit.core.domain.ProductType;
import org.licensekit.core.domain.TenantId;
import org.licensekit.core.domain.Term;
import org.licensekit.core.domain.UserId;
import org.licensekit.core.policy.Pseudonym;
import org.licensekit.core.spi.Notifier;

/**
 * After an erasure, no copy of the person's name or e-mail address survives anywhere in the
 * database: every text column of every LicenseKit table (read from the database's own catalog, so
 * a table a later version adds is scanned too) is searched, case-insensitively, for any part of
 * them. The scenario puts them wherever LicenseKit copies them: the directory and its search keys,
 * audit entries before and after a rename and a change of address, an administrator's reasons on
 * the person's and on another user's claims and waitlist place, a notification in the outbox and
 * its delivery error, and a bulk run remembered by idempotency key (its request and its result).
 */
abstract class AbstractPersonalDataScanTest {

  private static final String[] TRACES = {"zweistein", "okafor", "ana.z@", "a.okafor@"};

  abstract TestDatabase newDatabase();

  @Test
  void noTextColumnOfAnyTableKeepsTheErasedNameOrAddress() throws SQLException {
    TestDatabase database = newDatabase();
    JdbcLicenseStore store = JdbcLicenseStore.builder(database.dataSource()).build();
    TenantId tenant = TenantId.of("district-scan");
    Notifier failing = notification -> {
      throw new IllegalStateException("mailbox of " + notification.name() + " <" + notification.email() + "> is full");
    };
    Licensing licensing = Licensing.builder().store(store).notifier(failing).build();
    ActorSession admin = licensing.tenant(tenant).as(Actor.systemAdministrator("admin-1"));
    ProductId observation = ProductId.of("observation");
    ProductId coaching = ProductId.of("coaching");
    admin.catalog().defineProduct(Product.builder().id(observation).name("Observation").type(ProductType.OBSERVATION_TOOL).build());
    admin.catalog().defineProduct(Product.builder().id(coaching).name("Coaching").type(ProductType.LEARNING_CONTENT).build());
    admin.catalog().installDefaults(Map.of(DefaultCatalog.OBSERVABLE, Set.of(observation)));
    OrganizationId north = OrganizationId.of("north");
    admin.users().defineOrganization(Organization.root(north, "North"));
    Term year = Term.of(Instant.now().minus(1, ChronoUnit.DAYS), Instant.now().plus(300, ChronoUnit.DAYS));
    admin.pools().add(NewPool.builder().id(PoolId.of("observation-1")).product(observation).seats(5).term(year).build());
    admin.pools().add(NewPool.builder().id(PoolId.of("coaching-1")).product(coaching).seats(1).term(year).build());

    UserId cy = UserId.of("cy");
    admin.users().register(NewUser.builder().id(cy).name("Cy Moss").email("cy@example.org").addOrganizations(north).invite(false).build());
    admin.assignments().assignProduct(cy, coaching, "holds the one coaching seat");
    UserId ana = UserId.of("ana");
    admin.users().register(NewUser.builder().id(ana).name("Ana Zweistein").email("ana.z@example.org")
        .jobProfile(DefaultCatalog.TEACHER).addOrganizations(north).build());
    admin.users().activate(ana);
    admin.users().update(UserUpdate.builder().id(ana).name("Ana Okafor-Zweistein").email("A.Okafor@Example.org").build());
    admin.assignments().assignProduct(ana, coaching, "coaching for Ana Okafor-Zweistein");
    UserId bo = UserId.of("bo");
    admin.users().register(NewUser.builder().id(bo).name("Bo Lind").email("bo@example.org").addOrganizations(north).invite(false).build());
    admin.users().activate(bo);
    admin.assignments().assignProduct(bo, coaching, "waiting behind Ana Okafor-Zweistein (a.okafor@example.org)");
    admin.bulk().run(BulkRequest.where(UserFilter.builder().nameOrEmailContains("Okafor-Zweistein").build())
        .action(BulkAction.offboard()).reason("offboarding Ana Okafor-Zweistein").idempotencyKey("offboard-ana").build());
    assertThat(textsContainingTraces(database)).as("the scenario copies the data everywhere it should").hasSizeGreaterThan(8);

    admin.privacy().erase(ana, "request from a.okafor@example.org");

    assertThat(textsContainingTraces(database)).isEmpty();
    assertThat(admin.audit().verify().intact()).isTrue();
    assertThat(admin.users().find(ana).orElseThrow().name()).isEqualTo(Pseudonym.of(tenant, ana).name());
    assertThat(admin.waitlist().ofUser(bo)).isNotEmpty();
  }

  /** "table.column: value" of every text cell of every LicenseKit table that holds a trace. */
  private static List<String> textsContainingTraces(TestDatabase database) throws SQLException {
    List<String> found = new ArrayList<>();
    try (Connection connection = database.raw().getConnection()) {
      List<String[]> columns = new ArrayList<>();
      try (Statement statement = connection.createStatement();
          ResultSet rows = statement.executeQuery("SELECT table_name, column_name FROM information_schema.columns "
              + "WHERE LOWER(table_name) LIKE 'lk\\_%' ESCAPE '\\' AND LOWER(table_schema) IN ('public') "
              + "AND (LOWER(data_type) LIKE '%char%' OR LOWER(data_type) LIKE '%text%' OR LOWER(data_type) LIKE '%clob%')")) {
        while (rows.next()) {
          columns.add(new String[] {rows.getString(1), rows.getString(2)});
        }
      }
      assertThat(columns).as("text columns found in the catalog").hasSizeGreaterThan(20);
      for (String[] column : columns) {
        try (PreparedStatement select = connection.prepareStatement("SELECT \"" + column[1] + "\" FROM \"" + column[0] + "\"")) {
          try (ResultSet rows = select.executeQuery()) {
            while (rows.next()) {
              String value = rows.getString(1);
              if (value == null) {
                continue;
              }
              String lower = value.toLowerCase(Locale.ROOT);
              for (String trace : TRACES) {
                if (lower.contains(trace) || lower.contains(java.net.URLEncoder.encode(trace, java.nio.charset.StandardCharsets.UTF_8))) {
                  found.add(column[0] + "." + column[1] + ": " + value);
                  break;
                }
              }
            }
          }
        }
      }
    }
    return found;
  }
}
