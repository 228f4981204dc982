package org.licensekit.spring.admin.json;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * The audit chain re-computed.
 *
 * @param entriesChecked entries whose hashes were re-computed before the first break (all when intact)
 * @param intact whether the whole chain holds
 * @param firstBreak the first place it does not hold, if any
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record AuditVerificationJson(long entriesChecked, boolean intact, BreakJson firstBreak) {

  /**
   * Where the chain breaks.
   *
   * @param position the entry's position, oldest first
   * @param kind {@code CONTENT_CHANGED}, {@code LINK_BROKEN}, {@code ENTRY_MISSING} or {@code HEAD_MISMATCH}
   * @param entryId the entry, when one is concerned
   * @param message the break in words
   */
  @JsonInclude(JsonInclude.Include.NON_NULL)
  public record BreakJson(long position, String kind, String entryId, String message) {}
}
