package org.licensekit.core.spi;

import java.time.Instant;
import java.util.List;
import java.util.Set;
import org.licensekit.core.domain.AccountStatus;
import org.licensekit.core.domain.LicenseClaim;
import org.licensekit.core.domain.PoolId;
import org.licensekit.core.domain.TenantId;

/**
 * The queries that find license-count discrepancies, and the one repair no other port offers. Each
 * finder returns live claims (status {@code PENDING} or {@code ACTIVE}) ordered by
 * {@code assignedAt} then claim id unless it says otherwise, at most {@code limit} of them. Pool
 * over-allocation and counter mismatches come from {@link ReportStore#poolSeats}.
 */
public interface ReconciliationStore {

  /** Live claims whose user's account status is one of {@code statuses}. */
  List<LicenseClaim> liveClaimsOfUsers(TenantId tenant, Set<AccountStatus> statuses, int limit);

  /**
   * Live claims past expiry at {@code now}: {@code expiresAt <= now}, or the claim's pool term has
   * ended ({@code term.end <= now}).
   */
  List<LicenseClaim> liveClaimsPastExpiry(TenantId tenant, Instant now, int limit);

  /**
   * Live claims with {@code direct = false} for which no membership of the user holds a role whose
   * grants include the claim's product.
   */
  List<LicenseClaim> liveClaimsWithoutGrant(TenantId tenant, int limit);

  /**
   * Live claims of a product that at least one other user with the same e-mail address also holds
   * a live claim for; addresses compare by their
   * {@link org.licensekit.core.policy.InputRules#email e-mail key} (stripped, NFC, {@code Locale.ROOT}
   * lower case), computed in Java on every store. Ordered by that key (code point order), product
   * id, {@code assignedAt}, then claim id.
   */
  List<LicenseClaim> liveClaimsSharingEmail(TenantId tenant, int limit);

  /**
   * Sets the pool's seats-in-use counter to {@code corrected} if it still is {@code expected};
   * returns whether it did. The only write that may leave the counter different from what
   * {@code tryTakeSeat}/{@code releaseSeat} would; used to make it agree with the live claims.
   */
  boolean correctSeatsInUse(TenantId tenant, PoolId pool, int expected, int corrected);
}
