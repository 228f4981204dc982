/**
 * Driven ports: what LicenseKit needs from its host. A store ({@link org.licensekit.core.spi.LicenseStore})
 * with {@link org.licensekit.core.spi.Transactions}, a {@link org.licensekit.core.spi.Notifier} and an
 * {@link org.licensekit.core.spi.EventPublisher}. Every store method takes the tenant first and never
 * reads or writes another tenant's data. Store adapters prove themselves by running the contract
 * suites of {@code license-testkit}.
 */
package org.licensekit.core.spi;
