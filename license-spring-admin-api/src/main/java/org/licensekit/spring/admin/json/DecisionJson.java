package org.licensekit.spring.admin.json;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;

/**
 * An access decision: may the user use the product now, and if not, every reason why.
 *
 * @param user the user id
 * @param product the product id
 * @param allowed whether access is allowed
 * @param claim the claim the decision rests on, if any
 * @param reasons every failing check, in the guide's troubleshooting order, with a hint
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record DecisionJson(String user, String product, boolean allowed, String claim, List<ReasonJson> reasons) {}
