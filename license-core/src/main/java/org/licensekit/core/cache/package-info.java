/**
 * A caching decorator for any {@link org.licensekit.core.spi.LicenseStore}:
 * {@link org.licensekit.core.cache.CachingLicenseStore#wrap} keeps the access check's reads in
 * memory per tenant × user and per tenant, invalidated by this JVM's writes and expired after a
 * bounded staleness for changes made elsewhere, and keeps decided access checks per tenant × user
 * × product until a write, the decision's own {@code validUntil} instant or the staleness bound.
 */
package org.licensekit.core.cache;
