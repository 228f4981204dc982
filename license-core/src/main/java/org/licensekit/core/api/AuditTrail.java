package org.licensekit.core.api;

import java.util.List;
import org.licensekit.core.api.report.Page;
import org.licensekit.core.domain.AuditEntry;

/**
 * Detailed records of every change, tamper-evident: each entry is chained to the one before it in
 * its tenant by a SHA-256 hash (see {@link org.licensekit.core.policy.AuditChain}), and
 * {@link #verify()} re-computes the chain. Administrators and the host's system actor may read it.
 */
public interface AuditTrail {

  /**
   * The oldest {@code query.limit()} matching entries, oldest first: in the order they were
   * appended to the tenant's chain (commit order), never by their timestamps, which instances with
   * skewed clocks may write out of order.
   *
   * @deprecated reaches only the oldest 10,000 entries; use {@link #page(AuditQuery)} (newest first,
   *     with a cursor) and {@link #count(AuditQuery)}.
   * @throws org.licensekit.core.InvalidInputException naming each bad field of the query, or a cursor
   * @throws org.licensekit.core.NotAuthorizedException when the actor may not read the audit trail
   */
  @Deprecated(since = "0.1.0")
  List<AuditEntry> query(AuditQuery query);

  /**
   * One page of the matching entries, newest first (the order they were appended to the chain,
   * reversed; not by timestamp, which may repeat or go back between instances), at most
   * {@code query.limit()} of them, starting after {@code query.cursor()}. Keyset-paged: a page costs
   * the same however deep it is, and entries appended meanwhile never shift later pages.
   *
   * @throws org.licensekit.core.InvalidInputException when the query is invalid or its cursor forged
   * @throws org.licensekit.core.NotAuthorizedException when the actor may not read the audit trail
   */
  Page<AuditEntry> page(AuditQuery query);

  /**
   * How many entries match the query's criteria (its limit and cursor are ignored).
   *
   * @throws org.licensekit.core.InvalidInputException when the query is invalid
   * @throws org.licensekit.core.NotAuthorizedException when the actor may not read the audit trail
   */
  long count(AuditQuery query);

  /**
   * Re-computes the tenant's hash chain, oldest entry first, and reports the first place it does not
   * hold: an entry edited, removed, inserted or reordered, or the newest entries removed. A result,
   * not an exception: a broken chain is something to report, not a fault of the call.
   *
   * @throws org.licensekit.core.NotAuthorizedException when the actor may not read the audit trail
   */
  AuditVerification verify();
}
