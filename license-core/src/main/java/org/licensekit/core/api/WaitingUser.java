package org.licensekit.core.api;

import java.util.Objects;
import org.licensekit.core.domain.ProductId;
import org.licensekit.core.domain.UserId;
import org.licensekit.core.domain.WaitlistEntry;

/**
 * A user waiting for a seat of a product, with their place in the product's queue.
 *
 * @param position the place in the queue, 1 for the user the next free seat serving them goes to first
 * @param entry who waits for what, since when, and why
 */
public record WaitingUser(int position, WaitlistEntry entry) {

  public WaitingUser {
    Objects.requireNonNull(entry, "entry");
    if (position < 1) {
      throw new IllegalArgumentException("position must be 1 or more (was " + position + ")");
    }
  }

  /** The waiting user. */
  public UserId user() {
    return entry.user();
  }

  /** The product waited for. */
  public ProductId product() {
    return entry.product();
  }
}
