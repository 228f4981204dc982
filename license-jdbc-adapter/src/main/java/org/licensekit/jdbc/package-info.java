/**
 * LicenseKit's store on JDBC. Start at {@link org.licensekit.jdbc.JdbcLicenseStore#builder}; the
 * rest of the package is implementation. Supports H2 2.x and PostgreSQL (12 or later); migrations
 * are Flyway scripts under {@code db/licensekit/h2} and {@code db/licensekit/postgresql} on the
 * classpath.
 */
package org.licensekit.jdbc;
