package org.licensekit.jdbc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneOffset;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.licensekit.core.Licensing;
import org.licensekit.core.api.NewUser;
import org.licensekit.core.api.report.AnalyticsQuery;
import org.licensekit.core.api.report.ClaimsQuery;
import org.licensekit.core.api.report.Reports;
import org.licensekit.core.api.report.UnusedLicensesQuery;
import org.licensekit.core.domain.Actor;
import org.licensekit.core.domain.ClaimStatus;
import org.licensekit.core.domain.UserId;
import org.licensekit.core.api.DefaultCatalog;
import org.licensekit.core.spi.LicenseStore;
import org.licensekit.testkit.reports.ReportsTestSupport;

/**
 * Reports served by a second {@code Licensing} whose store reads through read-only connections (as
 * a PostgreSQL hot standby gives), next to the primary that writes: every report answers there, as
 * on the primary, and a write through it is refused. This checks that the report paths never write;
 * replication lag and a real standby are not part of it (see docs/scaling.md).
 */
class PostgresReportsOnReadOnlyConnectionsTest extends ReportsTestSupport {

  private static final class Shared {
    static final PostgresTestDatabase DATABASE = PostgresTestDatabase.create();
    static final LicenseStore PRIMARY = JdbcLicenseStore.builder(SharedStores.pooled(DATABASE, 4)).build();
  }

  private HikariDataSource readOnly;

  @Override
  protected LicenseStore createStore() {
    return Shared.PRIMARY;
  }

  @AfterEach
  void closeReadOnlyPool() {
    if (readOnly != null) {
      readOnly.close();
    }
  }

  @Test
  void everyReportAnswersOnReadOnlyConnectionsAsOnThePrimary() {
    pool(OBSERVATION, 10);
    UserId ana = activeUser("ana", DefaultCatalog.TEACHER, NORTH);
    UserId ben = register("ben", DefaultCatalog.TEACHER, SOUTH);
    claimNow(ana, OBSERVATION);
    clock.advance(Duration.ofDays(20));

    Reports replica = replicaLicensing().tenant(tenantId).as(Actor.reporter("reporter-1")).reports();
    Reports primary = reporter().reports();
    ClaimsQuery byOrganizationAndStatus = ClaimsQuery.builder().organization(DISTRICT).status(ClaimStatus.PENDING).limit(50).build();
    ClaimsQuery byRole = ClaimsQuery.builder().role(DefaultCatalog.OBSERVABLE).sortBy("userName").limit(50).build();
    UnusedLicensesQuery unused = UnusedLicensesQuery.builder().pendingForDays(14).build();
    LocalDate today = LocalDate.ofInstant(clock.instant(), ZoneOffset.UTC);
    AnalyticsQuery analytics = AnalyticsQuery.between(today.minusDays(30), today.plusDays(1)).build();

    assertThat(replica.dashboard()).isEqualTo(primary.dashboard());
    assertThat(replica.claims(byOrganizationAndStatus)).isEqualTo(primary.claims(byOrganizationAndStatus));
    assertThat(replica.claims(byOrganizationAndStatus).items()).extracting(row -> row.user()).containsExactly(ben);
    assertThat(replica.claims(byRole)).isEqualTo(primary.claims(byRole));
    assertThat(replica.unusedLicenses(unused)).isEqualTo(primary.unusedLicenses(unused));
    assertThat(replica.analytics(analytics)).isEqualTo(primary.analytics(analytics));
  }

  @Test
  void aWriteThroughTheReadOnlyConnectionsIsRefused() {
    Licensing replica = replicaLicensing();

    assertThatThrownBy(() -> replica.tenant(tenantId).as(Actor.systemAdministrator("admin-1")).users()
        .register(NewUser.builder().id(UserId.of("cleo")).name("Cleo").email("cleo@example.org").addOrganizations(NORTH).build()))
        .hasMessageContaining("read-only");
    assertThat(admin.users().find(UserId.of("cleo"))).isEmpty();
  }

  /** A second instance on connections that refuse writes, not migrating (a standby cannot). */
  private Licensing replicaLicensing() {
    HikariConfig config = new HikariConfig();
    config.setJdbcUrl(Shared.DATABASE.jdbcUrl());
    config.setUsername("postgres");
    config.setMaximumPoolSize(2);
    config.setMinimumIdle(0);
    config.setPoolName("licensekit-read-only");
    config.setConnectionInitSql("SET SESSION CHARACTERISTICS AS TRANSACTION READ ONLY");
    readOnly = new HikariDataSource(config);
    LicenseStore store = JdbcLicenseStore.builder(readOnly).migrate(false).build();
    return Licensing.builder().store(store).clock(clock).build();
  }
}
