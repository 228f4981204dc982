package org.licensekit.examples.lms.web;

import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.licensekit.core.InvalidInputException;
import org.licensekit.core.api.BulkAction;
import org.licensekit.core.api.BulkMode;
import org.licensekit.core.api.BulkRequest;
import org.licensekit.core.api.UserFilter;
import org.licensekit.core.domain.OrganizationId;
import org.licensekit.core.domain.ProductId;
import org.licensekit.core.domain.RoleId;

/** A bulk action as the form posts it: the user filter, the action and its arguments, the mode and the reason. */
public class BulkForm extends UserFilterForm {

  /** The actions the page offers. */
  public enum Kind {
    GRANT_ROLE, REVOKE_ROLE, REVOKE_PRODUCT, SUSPEND, REACTIVATE, ARCHIVE, OFFBOARD
  }

  private String action = "";
  private String targetOrg = "";
  private String targetRole = "";
  private String targetProduct = "";
  private String mode = BulkMode.BEST_EFFORT.name();
  private String reason = "";

  /**
   * The request these fields describe; every field problem goes to {@code errors}.
   *
   * @return the request, or empty when any field is wrong
   */
  public Optional<BulkRequest> toRequest(Map<String, String> errors) {
    Optional<UserFilter> filter = toFilter(errors);
    Optional<Kind> kind = Forms.parse("action", action, Kind::valueOf, "one of the listed actions", errors);
    if (kind.isEmpty() && !errors.containsKey("action")) {
      errors.put("action", "choose an action");
    }
    Optional<BulkMode> bulkMode = Forms.parse("mode", mode, BulkMode::valueOf, "ALL_OR_NOTHING or BEST_EFFORT", errors);
    Optional<BulkAction> bulkAction = kind.flatMap(k -> action(k, errors));
    if (filter.isEmpty() || bulkAction.isEmpty() || !errors.isEmpty()) {
      if (Forms.text(reason).isEmpty()) {
        errors.put("reason", "must not be blank");
      }
      return Optional.empty();
    }
    try {
      return Optional.of(BulkRequest.where(filter.get()).action(bulkAction.get())
          .mode(bulkMode.orElse(BulkMode.BEST_EFFORT)).reason(reason).chunkSize(20).sampleLimit(5_000).build());
    } catch (InvalidInputException e) {
      errors.putAll(Forms.errors(e.errors()));
      return Optional.empty();
    }
  }

  private Optional<BulkAction> action(Kind kind, Map<String, String> errors) {
    Optional<String> org = Forms.text(targetOrg);
    Optional<String> role = Forms.text(targetRole);
    Optional<String> product = Forms.text(targetProduct);
    switch (kind) {
      case GRANT_ROLE:
        if (org.isEmpty()) {
          errors.put("targetOrg", "choose the organization where the role is granted");
        }
        if (role.isEmpty()) {
          errors.put("targetRole", "choose the role to grant");
        }
        return org.isPresent() && role.isPresent()
            ? Optional.of(BulkAction.grantRoles(OrganizationId.of(org.get()), Set.of(RoleId.of(role.get()))))
            : Optional.empty();
      case REVOKE_ROLE:
        if (role.isEmpty()) {
          errors.put("targetRole", "choose the role to revoke");
          return Optional.empty();
        }
        return Optional.of(BulkAction.revokeRole(RoleId.of(role.get()), org.map(OrganizationId::of)));
      case REVOKE_PRODUCT:
        if (product.isEmpty()) {
          errors.put("targetProduct", "choose the product to revoke");
          return Optional.empty();
        }
        return Optional.of(BulkAction.revokeProduct(ProductId.of(product.get())));
      case SUSPEND:
        return Optional.of(BulkAction.changeStatus(BulkAction.StatusChange.SUSPEND));
      case REACTIVATE:
        return Optional.of(BulkAction.changeStatus(BulkAction.StatusChange.REACTIVATE));
      case ARCHIVE:
        return Optional.of(BulkAction.changeStatus(BulkAction.StatusChange.ARCHIVE));
      case OFFBOARD:
      default:
        return Optional.of(BulkAction.offboard());
    }
  }

  @Override
  public Map<String, String> parameters() {
    Map<String, String> p = super.parameters();
    p.put("action", action);
    p.put("targetOrg", targetOrg);
    p.put("targetRole", targetRole);
    p.put("targetProduct", targetProduct);
    p.put("mode", mode);
    p.put("reason", reason);
    return p;
  }

  public String getAction() {
    return action;
  }

  public void setAction(String action) {
    this.action = action == null ? "" : action;
  }

  public String getTargetOrg() {
    return targetOrg;
  }

  public void setTargetOrg(String targetOrg) {
    this.targetOrg = targetOrg == null ? "" : targetOrg;
  }

  public String getTargetRole() {
    return targetRole;
  }

  public void setTargetRole(String targetRole) {
    this.targetRole = targetRole == null ? "" : targetRole;
  }

  public String getTargetProduct() {
    return targetProduct;
  }

  public void setTargetProduct(String targetProduct) {
    this.targetProduct = targetProduct == null ? "" : targetProduct;
  }

  public String getMode() {
    return mode;
  }

  public void setMode(String mode) {
    this.mode = mode == null ? "" : mode;
  }

  public String getReason() {
    return reason;
  }

  public void setReason(String reason) {
    this.reason = reason == null ? "" : reason;
  }
}
