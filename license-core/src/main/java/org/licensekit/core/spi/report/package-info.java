/**
 * The values the report ports ({@link org.licensekit.core.spi.ReportStore},
 * {@link org.licensekit.core.spi.UsageStore}, {@link org.licensekit.core.spi.ReconciliationStore})
 * take and return. Selections arrive resolved: organization subtrees as explicit id sets, periods
 * as instants, so a store never has to walk the organization tree or know about time zones.
 */
package org.licensekit.core.spi.report;
