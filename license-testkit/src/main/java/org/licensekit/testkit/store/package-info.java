/**
 * The store contract suites: what every {@link org.licensekit.core.spi.LicenseStore} must do, as
 * abstract JUnit Jupiter classes. Extend {@link org.licensekit.testkit.store.LicenseStoreContract} to
 * run them all, or a single suite such as {@link org.licensekit.testkit.store.PoolStoreContract}; in
 * both cases implement {@code createStore()}. Each test works in fresh random tenants, so one shared
 * database serves a whole run without cleanup.
 */
package org.licensekit.testkit.store;
