package org.licensekit.core.internal.lifecycle;

import java.util.List;
import java.util.Optional;
import org.licensekit.core.api.JobRun;
import org.licensekit.core.domain.LicenseClaim;
import org.licensekit.core.domain.ProductId;
import org.licensekit.core.internal.Context;
import org.licensekit.core.internal.claims.ClaimWriter;

/**
 * Serves the seat queues when a waiting user became eligible with no seat freed and no command of
 * theirs to do it: a pool whose term started (a future-dated pool became current), a completion
 * recorded for a later instant that has come, a suspension that ended elsewhere. Each product with
 * waiting users is filled in a transaction of its own by the same code a freed seat runs, holding
 * the product's pools ({@code WaitlistStore.lock}), so sweeps on several instances and seat moves
 * at the same time never give a seat twice: whichever holds the pools second sees the other's
 * claims.
 */
final class WaitlistSweep {

  private final Context context;

  WaitlistSweep(Context context) {
    this.context = context;
  }

  JobRun run() {
    List<ProductId> products = context.store().waitlist().counts(context.tenant(), Optional.empty()).keySet().stream()
        .sorted().toList();
    long served = 0;
    for (ProductId product : products) {
      List<LicenseClaim> claims = context.run(changes -> new ClaimWriter(context.store(), context.tenant()).waitlist().fill(changes, product));
      served += claims.size();
    }
    return new JobRun(products.size(), served, served, 0);
  }
}
