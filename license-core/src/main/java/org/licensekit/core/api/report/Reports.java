package org.licensekit.core.api.report;

import java.util.List;
import java.util.function.Consumer;
import org.licensekit.core.domain.ClaimId;
import org.licensekit.core.domain.LicenseClaim;
import org.licensekit.core.domain.UserId;

/**
 * The admin guide's reports: the license dashboard, the claims report, unused licenses, usage
 * analytics and license-count reconciliation. Reporters and administrators read; only
 * administrators (and the host's system jobs) remind, reclaim, reassign and reconcile.
 */
public interface Reports {

  /**
   * The dashboard with the default options.
   *
   * @throws org.licensekit.core.NotAuthorizedException when the actor may not read reports
   */
  Dashboard dashboard();

  /**
   * The dashboard: seat figures per product and in total, expiry windows, alerts.
   *
   * @throws org.licensekit.core.NotAuthorizedException when the actor may not read reports
   */
  Dashboard dashboard(DashboardOptions options);

  /**
   * One page of the claims report.
   *
   * @throws org.licensekit.core.InvalidInputException naming {@code cursor} when the cursor is not
   *     one this query's sort returned
   * @throws org.licensekit.core.NotAuthorizedException when the actor may not read reports
   */
  Page<ClaimRow> claims(ClaimsQuery query);

  /**
   * Every row of the claims report {@code query} selects, from its cursor on (or the first row),
   * in its order, handed to {@code sink} one by one — for an export. Unlike paging through
   * {@link #claims}, a database store answers it with one streamed query (a forward-only cursor),
   * so memory stays bounded by one fetch of rows whatever the number of claims; {@code query}'s
   * limit is not used. {@code sink} may run while the store holds a connection and a transaction
   * open: do the row's work (write it out) and return, without calling LicenseKit.
   *
   * @param query the filters, order and starting cursor
   * @param sink receives each row, in order
   * @return how many rows {@code sink} received
   * @throws org.licensekit.core.InvalidInputException naming {@code cursor} when the cursor is not
   *     one this query's sort returned
   * @throws org.licensekit.core.NotAuthorizedException when the actor may not read reports
   */
  long forEachClaim(ClaimsQuery query, Consumer<? super ClaimRow> sink);

  /**
   * One page of pending claims assigned long ago, oldest first, with contact details.
   *
   * @throws org.licensekit.core.NotAuthorizedException when the actor may not read reports
   */
  Page<ClaimRow> unusedLicenses(UnusedLicensesQuery query);

  /**
   * Sends each pending claim's user a {@code CLAIM_REMINDER} through the notifier (after commit) and
   * audits it; claims no longer pending are skipped.
   *
   * @return the claims reminded about
   * @throws org.licensekit.core.NotAuthorizedException when the actor may not remind users
   * @throws org.licensekit.core.InvalidInputException naming {@code claims} when empty
   * @throws org.licensekit.core.NotFoundException naming {@code claimId} when it does not exist in this tenant
   */
  List<LicenseClaim> remind(List<ClaimId> claims);

  /**
   * Revokes an unused license, freeing its seat; audited with the reason.
   *
   * @throws org.licensekit.core.NotAuthorizedException when the actor may not reclaim licenses
   * @throws org.licensekit.core.InvalidInputException naming {@code reason} when it is blank
   * @throws org.licensekit.core.NotFoundException naming {@code claimId} when it does not exist in this tenant
   */
  LicenseClaim reclaim(ClaimId claim, String reason);

  /**
   * Revokes the claim and assigns its product directly to {@code to}, in one command: both happen
   * or neither.
   *
   * @throws org.licensekit.core.ConflictException {@code TARGET_ALREADY_HOLDS_PRODUCT} when the user
   *     holds a live claim for it, or {@code NO_SEAT_AVAILABLE} / {@code NO_POOL} when no pool serves
   *     the user
   * @throws org.licensekit.core.NotAuthorizedException when the actor may not reassign licenses
   * @throws org.licensekit.core.InvalidInputException naming {@code reason} when it is blank
   * @throws org.licensekit.core.NotFoundException naming the claim or user when it does not exist in this tenant
   */
  Reassignment reassign(ClaimId claim, UserId to, String reason);

  /**
   * Activation, engagement, completion and the trend series.
   *
   * @throws org.licensekit.core.NotAuthorizedException when the actor may not read reports
   */
  Analytics analytics(AnalyticsQuery query);

  /**
   * Finds every license-count discrepancy and, unless {@code dryRun}, fixes them in one command,
   * each fix audited. Running it again right after finds nothing.
   *
   * @throws org.licensekit.core.NotAuthorizedException when the actor may not reconcile
   */
  ReconciliationResult reconcile(boolean dryRun);
}
