package org.licensekit.spring.actuate;

import java.time.Clock;
import java.time.Duration;
import java.util.Collections;
import org.licensekit.core.Licensing;
import org.licensekit.spring.LicensekitAutoConfiguration;
import org.licensekit.spring.LicensekitProperties;
import org.licensekit.spring.LicensekitStoreInfo;
import org.licensekit.spring.LicensingTenants;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.actuate.autoconfigure.endpoint.condition.ConditionalOnAvailableEndpoint;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.health.autoconfigure.contributor.ConditionalOnEnabledHealthIndicator;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;

/**
 * LicenseKit in Actuator, each part only when its library is present: the {@code licensekit} health
 * indicator ({@code management.health.licensekit.enabled}), the Micrometer meters of
 * {@link LicensekitMetrics}, and the {@code licensekit} endpoint.
 */
@AutoConfiguration(after = LicensekitAutoConfiguration.class)
@ConditionalOnBean(Licensing.class)
@Import({LicensekitActuatorAutoConfiguration.HealthConfiguration.class, LicensekitActuatorAutoConfiguration.MetricsConfiguration.class,
    LicensekitActuatorAutoConfiguration.EndpointConfiguration.class})
public class LicensekitActuatorAutoConfiguration {

  /** The health indicator. */
  @Configuration(proxyBeanMethods = false)
  @ConditionalOnClass(name = {"org.springframework.boot.health.contributor.AbstractHealthIndicator",
      "org.springframework.boot.health.autoconfigure.contributor.ConditionalOnEnabledHealthIndicator"})
  static class HealthConfiguration {

    // The conditions naming optional classes sit on the methods: a class's own are read together.
    @Bean
    @ConditionalOnEnabledHealthIndicator("licensekit")
    @ConditionalOnMissingBean(name = "licensekitHealthIndicator")
    LicensekitHealthIndicator licensekitHealthIndicator(Licensing licensing, LicensingTenants tenants,
        ObjectProvider<LicensekitStoreInfo> store, LicensekitProperties properties, ObjectProvider<Clock> clocks) {
      Duration window = Collections.max(properties.getExpirationAlerts().getWindows());
      return new LicensekitHealthIndicator(licensing, tenants, store.getIfAvailable(LicensekitStoreInfo::application), window,
          clocks.getIfUnique(Clock::systemUTC));
    }
  }

  /** The Micrometer meters. */
  @Configuration(proxyBeanMethods = false)
  @ConditionalOnClass(name = "io.micrometer.core.instrument.binder.MeterBinder")
  static class MetricsConfiguration {

    @Bean
    @ConditionalOnMissingBean
    LicensekitMetrics licensekitMetrics(Licensing licensing, LicensingTenants tenants, LicensekitProperties properties) {
      return new LicensekitMetrics(licensing, tenants, properties.getMetrics().getSeatRefreshInterval());
    }
  }

  /** The {@code licensekit} endpoint. */
  @Configuration(proxyBeanMethods = false)
  @ConditionalOnClass(name = {"org.springframework.boot.actuate.endpoint.annotation.Endpoint",
      "org.springframework.boot.actuate.autoconfigure.endpoint.condition.ConditionalOnAvailableEndpoint"})
  static class EndpointConfiguration {

    @Bean
    @ConditionalOnAvailableEndpoint(LicensekitEndpoint.class)
    @ConditionalOnMissingBean
    LicensekitEndpoint licensekitEndpoint(Licensing licensing, LicensingTenants tenants) {
      return new LicensekitEndpoint(licensing, tenants);
    }
  }
}
