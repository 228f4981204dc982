package org.licensekit.spring.admin.json;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;

/**
 * The outcome of a claim: the active claim, or every reason it was refused (nothing was written then).
 *
 * @param claimed whether the claim succeeded
 * @param claim the active claim, when it succeeded
 * @param refusals why it was refused, in the troubleshooting order
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ClaimResultJson(boolean claimed, ClaimJson claim, List<ReasonJson> refusals) {}
