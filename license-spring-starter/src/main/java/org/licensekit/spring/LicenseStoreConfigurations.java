package org.licensekit.spring;

import javax.sql.DataSource;
import org.licensekit.core.cache.CacheSettings;
import org.licensekit.core.cache.CachingLicenseStore;
import org.licensekit.core.memory.InMemoryLicenseStore;
import org.licensekit.core.spi.LicenseStore;
import org.licensekit.jdbc.JdbcLicenseStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnSingleCandidate;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The store configurations, imported by {@link LicensekitAutoConfiguration} in this order: the JDBC
 * store when there is one DataSource, else the in-memory store. (Not a configuration itself, so the
 * order of its member classes is the import's, not reflection's.)
 */
final class LicenseStoreConfigurations {

  private static final Logger log = LoggerFactory.getLogger(LicensekitAutoConfiguration.class);

  private LicenseStoreConfigurations() {}

  /** The JDBC store, on the application's one DataSource. */
  @Configuration(proxyBeanMethods = false)
  @ConditionalOnClass(JdbcLicenseStore.class)
  @ConditionalOnSingleCandidate(DataSource.class)
  static class Jdbc {

    /** Declared before the store, so that it too backs off when the application brings its own store. */
    @Bean
    @ConditionalOnMissingBean(LicenseStore.class)
    JoinedTransaction licensekitJoinedTransaction(DataSource dataSource) {
      return JoinedTransaction.on(dataSource);
    }

    @Bean
    @ConditionalOnMissingBean(LicenseStore.class)
    LicensekitStoreInfo licensekitStoreInfo(DataSource dataSource, LicensekitProperties properties) {
      return LicensekitStoreInfo.jdbc(dataSource, properties.getJdbc());
    }

    @Bean
    @ConditionalOnMissingBean
    LicenseStore licenseStore(DataSource dataSource, LicensekitProperties properties, JoinedTransaction joined) {
      return JdbcStores.create(dataSource, properties, joined);
    }
  }

  /** The in-memory store, when nothing else provides one. */
  @Configuration(proxyBeanMethods = false)
  static class InMemory {

    @Bean
    @ConditionalOnMissingBean(LicenseStore.class)
    LicensekitStoreInfo licensekitStoreInfo() {
      return LicensekitStoreInfo.inMemory();
    }

    @Bean
    @ConditionalOnMissingBean
    LicenseStore licenseStore(LicensekitProperties properties) {
      log.warn("LicenseKit is using its in-memory store: nothing is kept when the application stops. "
          + "Define a DataSource (or a LicenseStore bean) to keep licensing data.");
      return InMemoryLicenseStore.create(properties.getTenantDefaults().toSettings());
    }
  }

  /** Builds the JDBC store; a class of its own so that nothing else loads the adapter's classes. */
  static final class JdbcStores {

    private JdbcStores() {}

    static LicenseStore create(DataSource dataSource, LicensekitProperties properties, JoinedTransaction joined) {
      LicensekitProperties.Jdbc jdbc = properties.getJdbc();
      JdbcLicenseStore.Builder builder = JdbcLicenseStore.builder(dataSource)
          .hostTransaction(new SpringHostTransaction(joined, dataSource))
          .tablePrefix(jdbc.getTablePrefix())
          .migrate(jdbc.isMigrateOnStart())
          .maxRetries(jdbc.getMaxRetries())
          .rowLevelSecurity(jdbc.isRowLevelSecurity())
          .overlapBulkChunks(jdbc.isOverlapBulkChunks())
          .overlapBulkRegistrations(jdbc.isOverlapBulkRegistrations())
          .defaultSettings(properties.getTenantDefaults().toSettings());
      if (!jdbc.getSchema().isEmpty()) {
        builder.schema(jdbc.getSchema());
      }
      LicensekitProperties.Cache cache = properties.getCache();
      if (cache.isEnabled()) {
        builder.changeSignals(cache.getChangeSignals()).changePollInterval(cache.getChangePollInterval());
      }
      JdbcLicenseStore store = builder.build();
      if (!cache.isEnabled()) {
        return store;
      }
      // Closed with the context (Spring infers close()): stops listening to other instances' changes.
      return CachingLicenseStore.wrap(store, CacheSettings.custom()
          .maximumStaleness(cache.getMaximumStaleness())
          .maximumSnapshots(cache.getMaximumSnapshots())
          .maximumDecisions(cache.getMaximumDecisions())
          .build(), joined);
    }
  }
}
