package org.licensekit.spring;

import java.time.Clock;
import java.util.List;
import java.util.Optional;
import javax.sql.DataSource;
import org.licensekit.core.Licensing;
import org.licensekit.core.domain.TenantId;
import org.licensekit.core.spi.EventPublisher;
import org.licensekit.core.spi.LicenseStore;
import org.licensekit.core.spi.Notifier;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;

/**
 * Auto-configures LicenseKit: a {@link Licensing} bean on the JDBC store over the application's
 * {@link DataSource} (migrated on start unless {@code licensekit.jdbc.migrate-on-start=false}), or
 * on the in-memory store, with a warning, when there is no single DataSource. Every bean backs off
 * when the application defines its own of the same type.
 */
@AutoConfiguration(afterName = {
    "org.springframework.boot.jdbc.autoconfigure.DataSourceAutoConfiguration",
    "org.springframework.boot.jdbc.autoconfigure.DataSourceTransactionManagerAutoConfiguration",
    "org.springframework.boot.transaction.autoconfigure.TransactionAutoConfiguration"})
@ConditionalOnBooleanProperty(name = "licensekit.enabled", matchIfMissing = true)
@EnableConfigurationProperties(LicensekitProperties.class)
@Import({LicenseStoreConfigurations.Jdbc.class, LicenseStoreConfigurations.InMemory.class})
public class LicensekitAutoConfiguration {

  /**
   * The logging notifier, used until the application defines its own {@link Notifier} bean.
   *
   * @return a notifier that logs each notification
   */
  @Bean
  @ConditionalOnMissingBean
  public Notifier licensekitNotifier() {
    return Notifier.logging();
  }

  /**
   * The tenants of {@code licensekit.tenants}, until the application defines its own {@link LicensingTenants}.
   *
   * @param properties the properties
   * @return the tenants
   */
  @Bean
  @ConditionalOnMissingBean
  public LicensingTenants licensingTenants(LicensekitProperties properties) {
    List<TenantId> tenants = properties.getTenants().stream().map(TenantId::of).toList();
    return () -> tenants;
  }

  /**
   * Domain events as Spring application events.
   *
   * @param publisher the application's event publisher
   * @return the publisher LicenseKit calls
   */
  @Bean
  @ConditionalOnMissingBean
  public EventPublisher licensekitEventPublisher(ApplicationEventPublisher publisher) {
    return new SpringEventPublisher(publisher);
  }

  /**
   * The entry point, built on the store bean; notifications and events held back until a host
   * transaction a command joined has committed; {@code licensekit.combined-assignments} when set;
   * then every {@link LicensingBuilderCustomizer}.
   *
   * @param properties the properties
   * @param store the store
   * @param notifier the notifier
   * @param events the event publisher
   * @param clocks a {@link Clock} bean, if the application defines exactly one
   * @param customizers the customizers
   * @param joined the Spring transactions the store's commands join, when it joins any
   * @return the licensing facade
   */
  @Bean
  @ConditionalOnMissingBean
  public Licensing licensing(LicensekitProperties properties, LicenseStore store, Notifier notifier, EventPublisher events, ObjectProvider<Clock> clocks,
      ObjectProvider<LicensingBuilderCustomizer> customizers, ObjectProvider<JoinedTransaction> joined) {
    JoinedTransaction transaction = joined.getIfAvailable(JoinedTransaction::none);
    Licensing.Builder builder = Licensing.builder()
        .store(store)
        .clock(clocks.getIfUnique(Clock::systemUTC))
        .notifier(notification -> transaction.whenCommitted(() -> notifier.send(notification)))
        .events(event -> transaction.whenCommitted(() -> events.publish(event)));
    Optional.ofNullable(properties.getCombinedAssignments()).ifPresent(builder::combinedAssignments);
    customizers.orderedStream().forEach(customizer -> customizer.customize(builder));
    return builder.build();
  }
}
