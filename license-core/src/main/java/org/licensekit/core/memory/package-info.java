/**
 * The in-memory store: {@link org.licensekit.core.memory.InMemoryLicenseStore}, thread-safe with real
 * all-or-nothing transactions, for tests, demos and hosts without a database.
 */
package org.licensekit.core.memory;
