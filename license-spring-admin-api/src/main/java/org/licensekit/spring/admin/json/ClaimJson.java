package org.licensekit.spring.admin.json;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * A license claim.
 *
 * @param id the claim id
 * @param user the user holding it
 * @param product the product
 * @param pool the pool whose seat it holds (or held)
 * @param status {@code PENDING}, {@code ACTIVE}, {@code EXPIRED} or {@code REVOKED}
 * @param direct whether the product was assigned directly rather than through a role
 * @param assignedAt when it was assigned
 * @param assignedBy who assigned it ({@code kind:id})
 * @param claimedAt when the user claimed it, if they did
 * @param expiresAt when it expires, once claimed
 * @param endedAt when it expired or was revoked
 * @param endedBy who ended it
 * @param reason why it was ended
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ClaimJson(String id, String user, String product, String pool, String status, boolean direct,
    String assignedAt, String assignedBy, String claimedAt, String expiresAt, String endedAt, String endedBy, String reason) {}
