/** Dashboard, claims and unused-license reports, analytics, usage, the audit trail and reconciliation. */
package org.licensekit.core.internal.reports;
