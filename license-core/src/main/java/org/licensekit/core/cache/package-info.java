/**
 * A caching decorator for any {@link org.licensekit.core.spi.LicenseStore}:
 * {@link org.licensekit.core.cache.CachingLicenseStore#wrap} keeps the access check's reads in
 * memory per tenant × user and per tenant, invalidated by this JVM's writes and expired after a
 * bounded staleness for changes made elsewhere.
 */
package org.licensekit.core.cache;
