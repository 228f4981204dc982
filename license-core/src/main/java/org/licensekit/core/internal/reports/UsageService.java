package org.licensekit.core.internal.reports;

import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Optional;
import org.licensekit.core.InvalidInputException;
import org.licensekit.core.api.report.Usage;
import org.licensekit.core.domain.ProductId;
import org.licensekit.core.domain.UserId;
import org.licensekit.core.internal.Context;
import org.licensekit.core.internal.Lookups;
import org.licensekit.core.policy.Operation;
import org.licensekit.core.spi.report.UsageDay;

/** Lookups product use into the day's counters; cheap, so neither audited nor evented. */
public final class UsageService implements Usage {

  private final Context context;
  private final Lookups lookups;

  public UsageService(Context context) {
    this.context = context;
    this.lookups = new Lookups(context.store(), context.tenant());
  }

  @Override
  public void recordLaunch(UserId user, ProductId product) {
    record(user, product, 1, 0);
  }

  @Override
  public void recordProgress(UserId user, ProductId product, int percent) {
    if (percent < 0 || percent > 100) {
      throw InvalidInputException.of("percent", "must be between 0 and 100 (was " + percent + ")");
    }
    record(user, product, 0, percent);
  }

  private void record(UserId user, ProductId product, int launches, int progress) {
    context.command(Operation.RECORD_USAGE, Optional.of(user), changes -> {
      lookups.product(product);
      LocalDate today = LocalDate.ofInstant(changes.now(), ZoneOffset.UTC);
      context.store().usage().record(context.tenant(), new UsageDay(user, product, today, launches, progress));
      return null;
    });
  }
}
