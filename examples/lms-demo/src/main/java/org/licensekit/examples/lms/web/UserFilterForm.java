package org.licensekit.examples.lms.web;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import org.licensekit.core.InvalidInputException;
import org.licensekit.core.api.ClaimCondition;
import org.licensekit.core.api.UserFilter;
import org.licensekit.core.domain.AccountStatus;
import org.licensekit.core.domain.JobProfileId;
import org.licensekit.core.domain.OrganizationId;
import org.licensekit.core.domain.ProductId;
import org.licensekit.core.domain.RoleId;

/**
 * The user filter as the Users page and the bulk actions post it: organization, role, job
 * profile, account status, name or e-mail text, and a claim condition on one product.
 */
public class UserFilterForm {

  private String org = "";
  private String role = "";
  private String profile = "";
  private String status = "";
  private String text = "";
  private String claimProduct = "";
  private String claimStatus = "";

  /**
   * The filter these fields describe.
   *
   * @param errors receives a problem per field that does not make sense
   * @return the filter, or empty when a field is wrong
   */
  public Optional<UserFilter> toFilter(Map<String, String> errors) {
    Map<String, String> mine = new LinkedHashMap<>();
    UserFilter.Builder builder = UserFilter.builder();
    Forms.text(org).ifPresent(o -> builder.organizationWithSubOrganizations(OrganizationId.of(o)));
    Forms.text(role).ifPresent(r -> builder.role(RoleId.of(r)));
    Forms.text(profile).ifPresent(p -> builder.jobProfile(JobProfileId.of(p)));
    Forms.parse("status", status, AccountStatus::valueOf, "one of " + java.util.Arrays.toString(AccountStatus.values()), mine)
        .ifPresent(builder::status);
    Forms.text(text).ifPresent(builder::nameOrEmailContains);
    Optional<ClaimCondition.Status> condition = Forms.parse("claimStatus", claimStatus, ClaimCondition.Status::valueOf,
        "a claim condition", mine);
    if (condition.isPresent() && Forms.text(claimProduct).isEmpty()) {
      mine.put("claimProduct", "choose the product the claim condition is about");
    } else if (condition.isEmpty() && Forms.text(claimProduct).isPresent() && !mine.containsKey("claimStatus")) {
      mine.put("claimStatus", "choose a claim condition for " + claimProduct);
    } else {
      condition.ifPresent(c -> builder.claim(ProductId.of(claimProduct.trim()), c));
    }
    if (!mine.isEmpty()) {
      errors.putAll(mine);
      return Optional.empty();
    }
    try {
      return Optional.of(builder.build());
    } catch (InvalidInputException e) {
      errors.putAll(Forms.errors(e.errors()));
      return Optional.empty();
    }
  }

  /** The fields as query parameters, for links that keep the filter. */
  public Map<String, String> parameters() {
    Map<String, String> p = new LinkedHashMap<>();
    p.put("org", org);
    p.put("role", role);
    p.put("profile", profile);
    p.put("status", status);
    p.put("text", text);
    p.put("claimProduct", claimProduct);
    p.put("claimStatus", claimStatus);
    return p;
  }

  public String getOrg() {
    return org;
  }

  public void setOrg(String org) {
    this.org = org == null ? "" : org;
  }

  public String getRole() {
    return role;
  }

  public void setRole(String role) {
    this.role = role == null ? "" : role;
  }

  public String getProfile() {
    return profile;
  }

  public void setProfile(String profile) {
    this.profile = profile == null ? "" : profile;
  }

  public String getStatus() {
    return status;
  }

  public void setStatus(String status) {
    this.status = status == null ? "" : status;
  }

  public String getText() {
    return text;
  }

  public void setText(String text) {
    this.text = text == null ? "" : text;
  }

  public String getClaimProduct() {
    return claimProduct;
  }

  public void setClaimProduct(String claimProduct) {
    this.claimProduct = claimProduct == null ? "" : claimProduct;
  }

  public String getClaimStatus() {
    return claimStatus;
  }

  public void setClaimStatus(String claimStatus) {
    this.claimStatus = claimStatus == null ? "" : claimStatus;
  }
}
