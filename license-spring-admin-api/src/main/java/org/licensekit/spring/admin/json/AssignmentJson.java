package org.licensekit.spring.admin.json;

import java.util.List;

/**
 * What an assignment did for each product involved.
 *
 * @param assigned new pending claims, each holding a seat
 * @param alreadyHeld live claims the user already had
 * @param refused products that could not be assigned, with the reason
 * @param complete whether every product involved is now held by the user
 */
public record AssignmentJson(List<ClaimJson> assigned, List<ClaimJson> alreadyHeld, List<RefusalJson> refused, boolean complete) {}
