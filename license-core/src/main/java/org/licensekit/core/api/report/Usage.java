package org.licensekit.core.api.report;

import org.licensekit.core.domain.ProductId;
import org.licensekit.core.domain.UserId;

/**
 * What the host reports about product use, cheaply: each call adds to the user × product counters
 * of the current UTC day (one stored row per user, product and day, never one per click). A user
 * records their own use; administrators and the host's {@code SYSTEM} actor anyone's. Not audited.
 */
public interface Usage {

  /**
   * One launch of the product by the user today.
   *
   * @throws org.licensekit.core.NotAuthorizedException when the actor may not record this user's use
   * @throws org.licensekit.core.NotFoundException naming {@code productId} when it does not exist in this tenant
   */
  void recordLaunch(UserId user, ProductId product);

  /**
   * The user's progress through learning content, 0 to 100; the day keeps the highest reported.
   *
   * @throws org.licensekit.core.NotAuthorizedException when the actor may not record this user's use
   * @throws org.licensekit.core.InvalidInputException naming {@code percent} unless it is 0 to 100
   * @throws org.licensekit.core.NotFoundException naming {@code productId} when it does not exist in this tenant
   */
  void recordProgress(UserId user, ProductId product, int percent);
}
