package org.licensekit.examples.lms;

import javax.sql.DataSource;
import org.licensekit.core.Licensing;
import org.licensekit.jdbc.JdbcLicenseStore;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Builds the {@link Licensing} on the app's DataSource. */
@Configuration(proxyBeanMethods = false)
class HostWiring {

  @Bean
  Licensing licensing(DataSource dataSource, DemoClock clock, Outbox outbox) {
    return Licensing.builder().store(JdbcLicenseStore.builder(dataSource).build()).clock(clock).notifier(outbox).build();
  }
}
