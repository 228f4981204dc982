package org.licensekit.core.spi.report;

import java.time.LocalDate;
import java.util.Objects;
import org.licensekit.core.domain.ProductId;
import org.licensekit.core.domain.UserId;

/**
 * One user's use of one product on one UTC day: the unit usage is stored in, and the delta a
 * recording adds to it.
 *
 * @param user the user
 * @param product the product
 * @param day the UTC day
 * @param launches launches (as a delta: launches to add; 0 or more)
 * @param progress progress through learning content, 0 to 100 (as a delta: a report that the day's
 *     highest progress is at least this)
 */
public record UsageDay(UserId user, ProductId product, LocalDate day, int launches, int progress) {

  public UsageDay {
    Objects.requireNonNull(user, "user");
    Objects.requireNonNull(product, "product");
    Objects.requireNonNull(day, "day");
    if (launches < 0) {
      throw new IllegalArgumentException("launches must not be negative (was " + launches + ")");
    }
    if (progress < 0 || progress > 100) {
      throw new IllegalArgumentException("progress must be between 0 and 100 (was " + progress + ")");
    }
  }
}
