package org.licensekit.spring;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import javax.sql.DataSource;
import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.Test;
import org.licensekit.core.Licensing;
import org.licensekit.core.cache.CachingLicenseStore;
import org.licensekit.core.memory.InMemoryLicenseStore;
import org.licensekit.core.spi.EventPublisher;
import org.licensekit.core.spi.LicenseStore;
import org.licensekit.core.spi.Notifier;
import org.licensekit.jdbc.JdbcLicenseStore;
import org.licensekit.spring.support.EmbeddedPostgresServer;
import org.postgresql.ds.PGSimpleDataSource;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

class LicensekitAutoConfigurationTest {

  private static final AtomicInteger DATABASES = new AtomicInteger();

  private final ApplicationContextRunner runner = new ApplicationContextRunner()
      .withConfiguration(AutoConfigurations.of(LicensekitAutoConfiguration.class));

  @Test
  void withoutADataSourceLicensingRunsOnTheInMemoryStore() {
    runner.run(context -> {
      assertThat(context).hasSingleBean(Licensing.class);
      assertThat(context).getBean(LicenseStore.class).isInstanceOf(InMemoryLicenseStore.class);
      assertThat(context).hasSingleBean(Notifier.class).hasSingleBean(EventPublisher.class);
      assertThat(context).getBean(EventPublisher.class).isInstanceOf(SpringEventPublisher.class);
    });
  }

  @Test
  void oneDataSourceGivesTheCachedJdbcStore() {
    runner.withUserConfiguration(H2DataSource.class).run(context -> {
      assertThat(context).getBean(LicenseStore.class).isInstanceOf(CachingLicenseStore.class);
      assertThat(context.getBean(LicenseStore.class).toString()).contains("JdbcLicenseStore");
      assertThat(tables(context.getBean(DataSource.class), "LK_%")).isPositive();
    });
  }

  @Test
  void theCacheCanBeTurnedOffLeavingThePlainJdbcStore() {
    runner.withUserConfiguration(H2DataSource.class).withPropertyValues("licensekit.cache.enabled=false")
        .run(context -> assertThat(context).getBean(LicenseStore.class).isInstanceOf(JdbcLicenseStore.class));
  }

  @Test
  void bulkChunksOverlapOnPostgresqlUnlessTurnedOff() {
    runner.withUserConfiguration(PostgresDataSource.class).run(context ->
        assertThat(context.getBean(LicenseStore.class).transactions().overlapsBulkChunks()).isTrue());
    runner.withUserConfiguration(PostgresDataSource.class).withPropertyValues("licensekit.jdbc.overlap-bulk-chunks=false")
        .run(context -> assertThat(context.getBean(LicenseStore.class).transactions().overlapsBulkChunks()).isFalse());
  }

  @Test
  void bulkOnboardingOverlapsOnlyWhenTurnedOn() {
    runner.withUserConfiguration(PostgresDataSource.class).run(context ->
        assertThat(context.getBean(LicenseStore.class).transactions().overlapsBulkRegistrations()).isFalse());
    runner.withUserConfiguration(PostgresDataSource.class).withPropertyValues("licensekit.jdbc.overlap-bulk-registrations=true")
        .run(context -> assertThat(context.getBean(LicenseStore.class).transactions().overlapsBulkRegistrations()).isTrue());
    runner.withUserConfiguration(PostgresDataSource.class).withPropertyValues("licensekit.jdbc.overlap-bulk-registrations=true",
        "licensekit.jdbc.overlap-bulk-chunks=false")
        .run(context -> assertThat(context.getBean(LicenseStore.class).transactions().overlapsBulkRegistrations()).isFalse());
  }

  @Test
  void theTablePrefixAndMigrationSwitchAreHonoured() {
    runner.withUserConfiguration(H2DataSource.class).withPropertyValues("licensekit.jdbc.table-prefix=lms_")
        .run(context -> {
          assertThat(tables(context.getBean(DataSource.class), "LMS_%")).isPositive();
          assertThat(tables(context.getBean(DataSource.class), "LK_%")).isZero();
        });
    runner.withUserConfiguration(H2DataSource.class).withPropertyValues("licensekit.jdbc.migrate-on-start=false")
        .run(context -> {
          assertThat(context).hasNotFailed();
          assertThat(tables(context.getBean(DataSource.class), "LK_%")).isZero();
        });
  }

  @Test
  void rowLevelSecurityReachesTheStoreBuilderWhichRefusesItOnH2() {
    runner.withUserConfiguration(H2DataSource.class).withPropertyValues("licensekit.jdbc.row-level-security=true")
        .run(context -> assertThat(context).hasFailed().getFailure().rootCause()
            .isInstanceOf(org.licensekit.core.InvalidInputException.class).hasMessageContaining("rowLevelSecurity"));
    runner.withUserConfiguration(H2DataSource.class)
        .run(context -> assertThat(context.getBean(LicensekitProperties.class).getJdbc().isRowLevelSecurity()).isFalse());
  }

  @Test
  void withoutTheJdbcAdapterADataSourceStillGivesTheInMemoryStore() {
    runner.withUserConfiguration(H2DataSource.class).withClassLoader(new FilteredClassLoader(JdbcLicenseStore.class))
        .run(context -> assertThat(context).getBean(LicenseStore.class).isInstanceOf(InMemoryLicenseStore.class));
  }

  @Test
  void aHostLicenseStoreWins() {
    runner.withUserConfiguration(H2DataSource.class, HostStore.class).run(context -> {
      assertThat(context).hasSingleBean(LicenseStore.class);
      assertThat(context).getBean(LicenseStore.class).isSameAs(HostStore.STORE);
      assertThat(tables(context.getBean(DataSource.class), "LK_%")).isZero();
    });
  }

  @Test
  void aHostLicensingWins() {
    runner.withUserConfiguration(HostLicensing.class).run(context -> {
      assertThat(context).hasSingleBean(Licensing.class);
      assertThat(context).getBean(Licensing.class).isSameAs(context.getBean("hostLicensing"));
    });
  }

  @Test
  void aHostNotifierAndPublisherWin() {
    runner.withUserConfiguration(HostNotifier.class).run(context -> {
      assertThat(context).hasSingleBean(Notifier.class).hasSingleBean(EventPublisher.class);
      assertThat(context).getBean(Notifier.class).isSameAs(context.getBean("hostNotifier"));
      assertThat(context).getBean(EventPublisher.class).isSameAs(context.getBean("hostEvents"));
    });
  }

  @Test
  void customizersAndAHostClockAreApplied() {
    runner.withUserConfiguration(HostClockAndCustomizer.class).run(context -> {
      assertThat(context).hasNotFailed();
      assertThat(HostClockAndCustomizer.CUSTOMIZED.get()).isEqualTo(1);
    });
  }

  @Test
  void licensekitCanBeSwitchedOff() {
    runner.withPropertyValues("licensekit.enabled=false").run(context -> assertThat(context).doesNotHaveBean(Licensing.class));
  }

  @Test
  void aBadTablePrefixFailsStartUpNamingTheProperty() {
    runner.withUserConfiguration(H2DataSource.class).withPropertyValues("licensekit.jdbc.table-prefix=1-bad")
        .run(context -> assertThat(context).hasFailed().getFailure().hasStackTraceContaining("'licensekit'")
            .hasStackTraceContaining("jdbc.tablePrefix").hasStackTraceContaining("must be letters"));
  }

  @Test
  void aNonPositiveStalenessFailsStartUpNamingTheProperty() {
    runner.withPropertyValues("licensekit.cache.maximum-staleness=0s")
        .run(context -> assertThat(context).hasFailed().getFailure().hasStackTraceContaining("'licensekit'")
            .hasStackTraceContaining("cache.maximumStaleness").hasStackTraceContaining("must be a positive duration"));
  }

  @Test
  void badFollowUpStepsAndCronFailStartUpNamingTheProperty() {
    runner.withPropertyValues("licensekit.follow-up.steps=3d,3d")
        .run(context -> assertThat(context).hasFailed().getFailure().hasStackTraceContaining("'licensekit'")
            .hasStackTraceContaining("followUp.steps").hasStackTraceContaining("must all be positive durations, none repeated"));
    runner.withPropertyValues("licensekit.maintenance.expire-cron=every day")
        .run(context -> assertThat(context).hasFailed().getFailure().hasStackTraceContaining("'licensekit'")
            .hasStackTraceContaining("maintenance.expireCron").hasStackTraceContaining("must be a Spring cron expression"));
    runner.withPropertyValues("licensekit.jdbc.max-retries=101")
        .run(context -> assertThat(context).hasFailed().getFailure().hasStackTraceContaining("maxRetries"));
  }

  @Test
  void theWebGuardIsConfiguredInAServletApplicationWithTheSpringSecurityResolverByDefault() {
    new org.springframework.boot.test.context.runner.WebApplicationContextRunner()
        .withConfiguration(AutoConfigurations.of(LicensekitAutoConfiguration.class,
            org.licensekit.spring.web.LicensekitWebMvcAutoConfiguration.class))
        .withPropertyValues("licensekit.web.default-tenant=district-42")
        .run(context -> {
          assertThat(context).hasSingleBean(org.licensekit.spring.web.RequiresLicenseInterceptor.class);
          assertThat(context).getBean(org.licensekit.spring.web.LicensingPrincipalResolver.class)
              .isInstanceOf(org.licensekit.spring.web.SpringSecurityPrincipalResolver.class);
        });
  }

  @Test
  void withoutSpringSecurityThereIsNoDefaultResolverButTheGuardStillStands() {
    new org.springframework.boot.test.context.runner.WebApplicationContextRunner()
        .withConfiguration(AutoConfigurations.of(LicensekitAutoConfiguration.class,
            org.licensekit.spring.web.LicensekitWebMvcAutoConfiguration.class))
        .withClassLoader(new FilteredClassLoader("org.springframework.security"))
        .run(context -> {
          assertThat(context).hasSingleBean(org.licensekit.spring.web.RequiresLicenseInterceptor.class);
          assertThat(context).doesNotHaveBean(org.licensekit.spring.web.LicensingPrincipalResolver.class);
        });
  }

  @Test
  void outsideAWebApplicationThereIsNoGuard() {
    runner.withConfiguration(AutoConfigurations.of(org.licensekit.spring.web.LicensekitWebMvcAutoConfiguration.class))
        .run(context -> assertThat(context).doesNotHaveBean(org.licensekit.spring.web.RequiresLicenseInterceptor.class));
  }

  @Test
  void actuatorPartsAppearWithActuatorAndHealthGoesDownWhenTheSchemaIsGone() {
    runner.withConfiguration(AutoConfigurations.of(org.licensekit.spring.actuate.LicensekitActuatorAutoConfiguration.class))
        .withUserConfiguration(H2DataSource.class).withPropertyValues("management.endpoints.web.exposure.include=licensekit")
        .run(context -> {
          assertThat(context).hasSingleBean(org.licensekit.spring.actuate.LicensekitHealthIndicator.class)
              .hasSingleBean(org.licensekit.spring.actuate.LicensekitMetrics.class)
              .hasSingleBean(org.licensekit.spring.actuate.LicensekitEndpoint.class);
          var health = context.getBean(org.licensekit.spring.actuate.LicensekitHealthIndicator.class);
          assertThat(health.health().getStatus()).isEqualTo(org.springframework.boot.health.contributor.Status.UP);
          try (var connection = context.getBean(DataSource.class).getConnection(); var statement = connection.createStatement()) {
            statement.execute("DROP TABLE LK_SCHEMA_HISTORY");
          }
          assertThat(health.health().getStatus()).isEqualTo(org.springframework.boot.health.contributor.Status.DOWN);
        });
  }

  @Test
  void withoutActuatorOrMicrometerTheRestStillStarts() {
    runner.withConfiguration(AutoConfigurations.of(org.licensekit.spring.actuate.LicensekitActuatorAutoConfiguration.class))
        .withClassLoader(new FilteredClassLoader("org.springframework.boot.actuate", "org.springframework.boot.health", "io.micrometer"))
        .run(context -> {
          assertThat(context).hasNotFailed().hasSingleBean(Licensing.class);
          assertThat(context).doesNotHaveBean("licensekitHealthIndicator").doesNotHaveBean("licensekitMetrics")
              .doesNotHaveBean("licensekitEndpoint");
        });
  }

  @Test
  void withoutSpringMvcOrTheServletApiTheStarterStarts() {
    runner.withConfiguration(AutoConfigurations.of(org.licensekit.spring.web.LicensekitWebMvcAutoConfiguration.class,
            org.licensekit.spring.maintenance.LicensekitMaintenanceAutoConfiguration.class))
        .withClassLoader(new FilteredClassLoader("org.springframework.web", "jakarta.servlet", "org.springframework.security"))
        .run(context -> assertThat(context).hasNotFailed().hasSingleBean(Licensing.class));
  }

  @Test
  void withoutSpringdocTheStarterStarts() {
    runner.withConfiguration(AutoConfigurations.of(org.licensekit.spring.actuate.LicensekitActuatorAutoConfiguration.class))
        .withClassLoader(new FilteredClassLoader("org.springdoc"))
        .run(context -> assertThat(context).hasNotFailed().hasSingleBean(Licensing.class));
  }

  @Test
  void theInMemoryStoreAndAHostStoreNeverJoinSpringTransactions() {
    runner.run(context -> {
      assertThat(context).doesNotHaveBean("licensekitJoinedTransaction");
      assertThat(context).getBean(LicensekitStoreInfo.class).extracting(LicensekitStoreInfo::kind)
          .isEqualTo(LicensekitStoreInfo.Kind.IN_MEMORY);
    });
    runner.withUserConfiguration(H2DataSource.class, HostStore.class).run(context -> {
      assertThat(context).doesNotHaveBean("licensekitJoinedTransaction").doesNotHaveBean(LicensekitStoreInfo.class);
    });
    runner.withUserConfiguration(H2DataSource.class).run(context -> {
      assertThat(context).hasBean("licensekitJoinedTransaction");
      assertThat(context).getBean(LicensekitStoreInfo.class).extracting(LicensekitStoreInfo::kind)
          .isEqualTo(LicensekitStoreInfo.Kind.JDBC);
    });
  }

  @Test
  void tenantDefaultsApplyToTenantsWithoutSavedSettingsOnBothStores() {
    for (ApplicationContextRunner configured : List.of(runner, runner.withUserConfiguration(H2DataSource.class))) {
      configured.withPropertyValues("licensekit.tenant-defaults.claim-on-first-access=true",
              "licensekit.tenant-defaults.suspended-users-keep-seats=false")
          .run(context -> {
            Licensing licensing = context.getBean(Licensing.class);
            TestFixtures.seed(licensing, 5);
            var teacher = TestFixtures.teacher(licensing, "ana");
            var settings = licensing.tenant(TestFixtures.TENANT).as(TestFixtures.ADMIN).settings().get();
            assertThat(settings.claimOnFirstAccess()).isTrue();
            assertThat(settings.suspendedUsersKeepSeats()).isFalse();

            assertThat(licensing.tenant(TestFixtures.TENANT).access().check(teacher, TestFixtures.OBSERVATION).allowed())
                .as("the pending claim is activated on first access").isTrue();
          });
    }
  }

  static int tables(DataSource dataSource, String pattern) throws Exception {
    try (var connection = dataSource.getConnection();
        var statement = connection.prepareStatement(
            "SELECT COUNT(*) FROM INFORMATION_SCHEMA.TABLES WHERE UPPER(TABLE_NAME) LIKE ?")) {
      statement.setString(1, pattern);
      try (var result = statement.executeQuery()) {
        result.next();
        return result.getInt(1);
      }
    }
  }

  @Configuration(proxyBeanMethods = false)
  static class H2DataSource {
    @Bean
    DataSource dataSource() {
      JdbcDataSource dataSource = new JdbcDataSource();
      dataSource.setURL("jdbc:h2:mem:autoconfig" + DATABASES.incrementAndGet() + ";DB_CLOSE_DELAY=-1");
      return dataSource;
    }
  }

  @Configuration(proxyBeanMethods = false)
  static class PostgresDataSource {
    @Bean
    DataSource dataSource() {
      PGSimpleDataSource dataSource = new PGSimpleDataSource();
      dataSource.setURL(EmbeddedPostgresServer.newDatabase());
      dataSource.setUser("postgres");
      dataSource.setPassword("postgres");
      return dataSource;
    }
  }

  @Configuration(proxyBeanMethods = false)
  static class HostStore {
    static final LicenseStore STORE = InMemoryLicenseStore.create();

    @Bean
    LicenseStore hostStore() {
      return STORE;
    }
  }

  @Configuration(proxyBeanMethods = false)
  static class HostLicensing {
    @Bean
    Licensing hostLicensing() {
      return Licensing.builder().store(InMemoryLicenseStore.create()).build();
    }
  }

  @Configuration(proxyBeanMethods = false)
  static class HostNotifier {
    @Bean
    Notifier hostNotifier() {
      return notification -> {};
    }

    @Bean
    EventPublisher hostEvents() {
      return event -> {};
    }
  }

  @Configuration(proxyBeanMethods = false)
  static class HostClockAndCustomizer {
    static final AtomicInteger CUSTOMIZED = new AtomicInteger();

    @Bean
    Clock clock() {
      return Clock.fixed(Instant.parse("2026-09-01T00:00:00Z"), ZoneOffset.UTC);
    }

    @Bean
    LicensingBuilderCustomizer countingCustomizer() {
      return builder -> CUSTOMIZED.incrementAndGet();
    }
  }
}
