/**
 * Contract suites for bulk actions and lifecycle jobs, through the public API and the store SPI
 * only: user filters, bulk actions in both modes, dry runs, idempotent replays, progress, follow-up
 * reminders and deadlines, expirations and alerts, renewals and seasonal adjustments, and a large
 * run whose size an adapter chooses. Extend {@link org.licensekit.testkit.bulk.BulkContract} and
 * {@link org.licensekit.testkit.bulk.LargeBulkRunContract}.
 */
package org.licensekit.testkit.bulk;
