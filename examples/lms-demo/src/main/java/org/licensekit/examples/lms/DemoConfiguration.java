package org.licensekit.examples.lms;

import org.licensekit.core.Licensing;
import org.licensekit.core.TenantLicensing;
import org.licensekit.core.domain.TenantId;
import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The demo's beans beside what the starter configures: the clock and notifier LicenseKit uses, the
 * district's tenant, and the first-start seeding, which runs before the web server takes requests.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(DemoProperties.class)
class DemoConfiguration {

  @Bean
  DemoClock demoClock() {
    return DemoClock.systemUtc();
  }

  @Bean
  Outbox outbox() {
    return new Outbox();
  }

  @Bean
  TenantLicensing district(Licensing licensing, DemoProperties properties) {
    return licensing.tenant(TenantId.of(properties.tenant()));
  }

  @Bean
  SmartInitializingSingleton demoSeeding(TenantLicensing district, DemoClock clock, DemoProperties properties) {
    return () -> {
      if (properties.seed()) {
        new DemoSeeder(district, clock, properties.users()).seedIfEmpty();
      }
    };
  }
}
