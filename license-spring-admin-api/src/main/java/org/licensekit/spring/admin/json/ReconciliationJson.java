package org.licensekit.spring.admin.json;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;

/**
 * What reconciliation found, and on an applied run what it changed.
 *
 * @param at when it ran
 * @param dryRun whether nothing was changed
 * @param clean whether nothing was found
 * @param found each discrepancy with its proposed fix
 * @param claimsChanged claims expired or revoked by the fixes (0 on a dry run)
 * @param countersCorrected seat counters corrected (0 on a dry run)
 */
public record ReconciliationJson(String at, boolean dryRun, boolean clean, List<DiscrepancyJson> found, int claimsChanged,
    int countersCorrected) {

  /**
   * One discrepancy.
   *
   * @param kind what is wrong, such as {@code ARCHIVED_USER_HOLDS_SEAT}
   * @param product the product
   * @param pool the pool
   * @param user the user concerned, if one
   * @param claim the claim concerned, if one
   * @param description the discrepancy in words
   * @param fix what applying would do
   */
  @JsonInclude(JsonInclude.Include.NON_NULL)
  public record DiscrepancyJson(String kind, String product, String pool, String user, String claim, String description, FixJson fix) {}

  /**
   * A proposed fix.
   *
   * @param action {@code EXPIRE_CLAIMS}, {@code REVOKE_CLAIMS}, {@code MOVE_CLAIMS} or {@code CORRECT_SEAT_COUNT}
   * @param claims the claims it changes
   * @param seatsInUse the corrected seat count, for a counter fix
   * @param description the fix in words
   */
  @JsonInclude(JsonInclude.Include.NON_NULL)
  public record FixJson(String action, List<String> claims, Integer seatsInUse, String description) {}
}
