/** Bulk requests over a user filter: chunked or one-transaction runs, per-user outcomes, seat forecasts. */
package org.licensekit.core.internal.bulk;
