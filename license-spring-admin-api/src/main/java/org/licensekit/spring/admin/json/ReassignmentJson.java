package org.licensekit.spring.admin.json;

/**
 * An unused license given to someone else.
 *
 * @param revoked the unused claim, now revoked
 * @param assigned the receiver's new pending claim on the freed seat
 */
public record ReassignmentJson(ClaimJson revoked, ClaimJson assigned) {}
