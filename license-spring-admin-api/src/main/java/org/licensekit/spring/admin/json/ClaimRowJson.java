package org.licensekit.spring.admin.json;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;

/**
 * One row of the claims report (or of the unused-licenses report).
 *
 * @param claim the claim id
 * @param user the user id
 * @param userName the user's name
 * @param email the user's e-mail address
 * @param product the product
 * @param organizations the user's organizations, ordered by id
 * @param status the claim's status
 * @param pool the pool whose seat the claim holds
 * @param assignedAt when it was assigned
 * @param claimedAt when it was claimed, if it was
 * @param expiresAt when it expires, if it has an expiry
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ClaimRowJson(String claim, String user, String userName, String email, String product, List<String> organizations,
    String status, String pool, String assignedAt, String claimedAt, String expiresAt) {}
