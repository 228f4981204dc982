package org.licensekit.examples.lms.web;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.licensekit.core.InvalidInputException;
import org.licensekit.core.api.report.ClaimDateField;
import org.licensekit.core.api.report.ClaimsQuery;
import org.licensekit.core.api.report.SortDirection;
import org.licensekit.core.domain.ClaimStatus;
import org.licensekit.core.domain.OrganizationId;
import org.licensekit.core.domain.ProductId;
import org.licensekit.core.domain.RoleId;
import org.licensekit.core.domain.UserId;
import org.springframework.web.util.UriComponentsBuilder;

/** Every filter and sort of the claims report, as the License Claims page posts them. */
public class ClaimsForm {

  private String dateField = ClaimDateField.ASSIGNED.name();
  private String from = "";
  private String to = "";
  private String user = "";
  private String product = "";
  private List<String> status = new ArrayList<>();
  private String org = "";
  private String role = "";
  private String sort = "ASSIGNED_AT";
  private String direction = SortDirection.DESCENDING.name();
  private String limit = "25";
  private String cursor = "";

  /**
   * The query these fields describe; every field problem goes to {@code errors}.
   *
   * @return the query, or empty when a field is wrong
   */
  public Optional<ClaimsQuery> toQuery(Map<String, String> errors) {
    Map<String, String> mine = new LinkedHashMap<>();
    ClaimsQuery.Builder builder = ClaimsQuery.builder();
    Optional<ClaimDateField> field = Forms.parse("dateField", dateField, ClaimDateField::valueOf, "ASSIGNED or CLAIMED", mine);
    Optional<Instant> fromInstant = Forms.startOfDay("from", from, mine);
    Optional<Instant> toInstant = Forms.startOfDay("to", to, mine).map(i -> i.plusSeconds(86_400));
    builder.range(field.orElse(ClaimDateField.ASSIGNED), fromInstant, toInstant);
    Forms.text(user).ifPresent(u -> builder.user(UserId.of(u)));
    Forms.text(product).ifPresent(p -> builder.product(ProductId.of(p)));
    for (String s : status) {
      Forms.parse("status", s, ClaimStatus::valueOf, "a claim status", mine).ifPresent(builder::status);
    }
    Forms.text(org).ifPresent(o -> builder.organization(OrganizationId.of(o)));
    Forms.text(role).ifPresent(r -> builder.role(RoleId.of(r)));
    builder.sortBy(sort);
    Forms.parse("direction", direction, SortDirection::valueOf, "ASCENDING or DESCENDING", mine).ifPresent(builder::direction);
    Forms.parse("limit", limit, Integer::valueOf, "a whole number", mine).ifPresent(builder::limit);
    Forms.text(cursor).ifPresent(builder::cursor);
    try {
      ClaimsQuery query = builder.build();
      if (mine.isEmpty()) {
        return Optional.of(query);
      }
    } catch (InvalidInputException e) {
      e.errors().forEach(f -> mine.putIfAbsent(f.field(), f.problem()));
    }
    errors.putAll(mine);
    return Optional.empty();
  }

  /** {@code path} with these fields as its query, {@code sort}, {@code direction} and {@code cursor} replaced. */
  public String link(String path, String sort, String direction, String cursor) {
    UriComponentsBuilder uri = UriComponentsBuilder.fromPath(path);
    uri.queryParam("dateField", dateField).queryParam("from", from).queryParam("to", to).queryParam("user", user)
        .queryParam("product", product).queryParam("org", org).queryParam("role", role);
    status.forEach(s -> uri.queryParam("status", s));
    uri.queryParam("sort", sort).queryParam("direction", direction).queryParam("limit", limit);
    if (!cursor.isEmpty()) {
      uri.queryParam("cursor", cursor);
    }
    return uri.encode().build().toUriString();
  }

  public String getDateField() {
    return dateField;
  }

  public void setDateField(String dateField) {
    this.dateField = dateField == null ? "" : dateField;
  }

  public String getFrom() {
    return from;
  }

  public void setFrom(String from) {
    this.from = from == null ? "" : from;
  }

  public String getTo() {
    return to;
  }

  public void setTo(String to) {
    this.to = to == null ? "" : to;
  }

  public String getUser() {
    return user;
  }

  public void setUser(String user) {
    this.user = user == null ? "" : user;
  }

  public String getProduct() {
    return product;
  }

  public void setProduct(String product) {
    this.product = product == null ? "" : product;
  }

  public List<String> getStatus() {
    return status;
  }

  public void setStatus(List<String> status) {
    this.status = status == null ? new ArrayList<>() : new ArrayList<>(status);
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

  public String getSort() {
    return sort;
  }

  public void setSort(String sort) {
    this.sort = sort == null ? "" : sort;
  }

  public String getDirection() {
    return direction;
  }

  public void setDirection(String direction) {
    this.direction = direction == null ? "" : direction;
  }

  public String getLimit() {
    return limit;
  }

  public void setLimit(String limit) {
    this.limit = limit == null ? "" : limit;
  }

  public String getCursor() {
    return cursor;
  }

  public void setCursor(String cursor) {
    this.cursor = cursor == null ? "" : cursor;
  }
}
