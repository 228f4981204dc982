package org.licensekit.core.api;

import com.google.common.collect.ImmutableList;
import java.util.List;
import java.util.Optional;
import org.licensekit.core.domain.LicenseClaim;

/**
 * The outcome of a user claiming a product.
 *
 * @param claim the active claim, when the claim succeeded
 * @param refusals why the claim was refused (unmet prerequisites, inactive account, no license
 *     assigned, …); empty on success
 */
public record ClaimResult(Optional<LicenseClaim> claim, List<AccessDenial> refusals) {

  public ClaimResult {
    refusals = ImmutableList.copyOf(refusals);
  }

  public static ClaimResult claimed(LicenseClaim claim) {
    return new ClaimResult(Optional.of(claim), List.of());
  }

  public static ClaimResult refused(List<AccessDenial> refusals) {
    return new ClaimResult(Optional.empty(), refusals);
  }

  public boolean succeeded() {
    return claim.isPresent();
  }
}
