package org.licensekit.spring.admin.json;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;

/**
 * The troubleshooter's answer for one user.
 *
 * @param user the user id
 * @param profile the user's profile, absent when the user is not registered
 * @param decisions the decision for each product asked about (every product of the catalog, or the one named)
 * @param seatsOutsideScope the ids of the user's live claims held from pools scoped to an organization
 *     the user no longer belongs to (reconciliation moves them)
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record TroubleshootingJson(String user, ProfileJson profile, List<DecisionJson> decisions, List<String> seatsOutsideScope) {}
