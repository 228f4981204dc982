package org.licensekit.core.internal.claims;

import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;
import org.licensekit.core.domain.ClaimId;
import org.licensekit.core.domain.LicenseClaim;
import org.licensekit.core.domain.PoolId;
import org.licensekit.core.domain.TenantId;
import org.licensekit.core.spi.LicenseStore;

/**
 * Walks a pool's live claims in keyset pages ({@link org.licensekit.core.spi.ClaimStore#liveForPool}),
 * so a command over a pool of any size holds one page of claims at a time. The walker may move or
 * end the claims of a page before the next is read: pages continue after the last claim id seen.
 */
public final class PoolClaimPages {

  private PoolClaimPages() {}

  /**
   * Hands each page of the pool's live claims to {@code each}, in claim-id order.
   *
   * @return how many claims the pages held
   */
  public static long forEach(LicenseStore store, TenantId tenant, PoolId pool, int pageSize, Consumer<List<LicenseClaim>> each) {
    long seen = 0;
    Optional<ClaimId> after = Optional.empty();
    while (true) {
      List<LicenseClaim> page = store.claims().liveForPool(tenant, pool, after, pageSize);
      if (!page.isEmpty()) {
        seen += page.size();
        each.accept(page);
      }
      if (page.size() < pageSize) {
        return seen;
      }
      after = Optional.of(page.get(page.size() - 1).id());
    }
  }
}
