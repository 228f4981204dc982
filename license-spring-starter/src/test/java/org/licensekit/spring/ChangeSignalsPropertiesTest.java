package org.licensekit.spring;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import javax.sql.DataSource;
import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.Test;
import org.licensekit.core.ActorSession;
import org.licensekit.core.Licensing;
import org.licensekit.core.TenantLicensing;
import org.licensekit.core.api.DefaultCatalog;
import org.licensekit.core.api.NewPool;
import org.licensekit.core.api.NewUser;
import org.licensekit.core.domain.Actor;
import org.licensekit.core.domain.LicenseClaim;
import org.licensekit.core.domain.Organization;
import org.licensekit.core.domain.OrganizationId;
import org.licensekit.core.domain.Product;
import org.licensekit.core.domain.ProductId;
import org.licensekit.core.domain.ProductType;
import org.licensekit.core.domain.TenantId;
import org.licensekit.core.domain.Term;
import org.licensekit.core.domain.UserId;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * {@code licensekit.cache.change-signals}: two applications on one database, each caching for an
 * hour, hear each other's changes through the change log within the poll interval.
 */
class ChangeSignalsPropertiesTest {

  private static final AtomicInteger DATABASES = new AtomicInteger();
  private static final ProductId OBSERVATION = ProductId.of("observation");
  private static final TenantId DISTRICT = TenantId.of("district");

  private final String url = "jdbc:h2:mem:signals" + DATABASES.incrementAndGet() + ";DB_CLOSE_DELAY=-1";

  private ApplicationContextRunner runner(String changeSignals) {
    return new ApplicationContextRunner()
        .withConfiguration(AutoConfigurations.of(LicensekitAutoConfiguration.class))
        .withBean(DataSource.class, () -> {
          JdbcDataSource dataSource = new JdbcDataSource();
          dataSource.setURL(url);
          return dataSource;
        })
        .withPropertyValues("licensekit.cache.maximum-staleness=1h", "licensekit.cache.change-signals=" + changeSignals,
            "licensekit.cache.change-poll-interval=50ms");
  }

  @Test
  void aRevocationInOneApplicationIsDeniedByTheOtherThroughTheChangeSignalNotTheCacheExpiry() {
    runner("change-log").run(writing -> runner("change-log").run(reading -> {
      TenantLicensing writer = writing.getBean(Licensing.class).tenant(DISTRICT);
      TenantLicensing reader = reading.getBean(Licensing.class).tenant(DISTRICT);
      UserId teacher = allowedTeacher(writer);
      assertThat(reader.access().check(teacher, OBSERVATION).allowed()).isTrue();

      ActorSession admin = writer.as(Actor.systemAdministrator("admin"));
      admin.claims().revoke(admin.claims().ofUser(teacher).stream().filter(LicenseClaim::live).findFirst().orElseThrow().id(), "left");

      // Without the change signal the reader would allow for the hour its cache keeps answers; with it,
      // within a poll or a few. The bound is a minute, not seconds: on a loaded build machine a poll
      // can wait seconds for a core, and that says nothing about the signal.
      long start = System.nanoTime();
      boolean allowed;
      while ((allowed = reader.access().check(teacher, OBSERVATION).allowed())
          && System.nanoTime() - start < Duration.ofMinutes(1).toNanos()) {
        Thread.sleep(5);
      }
      assertThat(allowed).as("the reader still allowed %s after the revocation", Duration.ofNanos(System.nanoTime() - start))
          .isFalse();
    }));
  }

  @Test
  void aPollIntervalBelowTenMillisecondsStopsTheStartNamingTheSetting() {
    runner("database").withPropertyValues("licensekit.cache.change-poll-interval=5ms").run(context ->
        assertThat(context).hasFailed().getFailure().rootCause().hasMessageContaining("changePollInterval"));
  }

  private static UserId allowedTeacher(TenantLicensing district) {
    ActorSession admin = district.as(Actor.systemAdministrator("admin"));
    admin.catalog().defineProduct(Product.builder().id(OBSERVATION).name("Observation").type(ProductType.OBSERVATION_TOOL).build());
    admin.catalog().installDefaults(Map.of(DefaultCatalog.OBSERVABLE, Set.of(OBSERVATION)));
    OrganizationId school = OrganizationId.of("school");
    admin.users().defineOrganization(Organization.root(school, "School"));
    Instant now = Instant.now();
    admin.pools().add(NewPool.builder().product(OBSERVATION).seats(5)
        .term(Term.of(now.minus(1, ChronoUnit.DAYS), now.plus(365, ChronoUnit.DAYS))).build());
    UserId teacher = UserId.of("teacher");
    admin.users().register(NewUser.builder().id(teacher).name("Tea Cher").email("teacher@example.org")
        .jobProfile(DefaultCatalog.TEACHER).addOrganizations(school).invite(false).build());
    admin.users().activate(teacher);
    assertThat(district.as(Actor.user(teacher)).claims().claim(teacher, OBSERVATION).refusals()).isEmpty();
    return teacher;
  }
}
