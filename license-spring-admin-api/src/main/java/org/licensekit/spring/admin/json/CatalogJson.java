package org.licensekit.spring.admin.json;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;

/**
 * The tenant's catalog and organizations: what a front-end offers in its pickers.
 *
 * @param products the products
 * @param roles the product-access roles with the products each grants
 * @param jobProfiles the job profiles with their roles
 * @param organizations the organizations
 */
public record CatalogJson(List<ProductJson> products, List<RoleJson> roles, List<JobProfileJson> jobProfiles,
    List<OrganizationJson> organizations) {

  /**
   * A product.
   *
   * @param id the product id
   * @param name its name
   * @param type its type, such as {@code OBSERVATION_TOOL}
   */
  public record ProductJson(String id, String name, String type) {}

  /**
   * A role.
   *
   * @param id the role id
   * @param name its name
   * @param grants the products it grants
   */
  public record RoleJson(String id, String name, List<String> grants) {}

  /**
   * A job profile.
   *
   * @param id the job profile id
   * @param name its name
   * @param roles the roles it gives
   */
  public record JobProfileJson(String id, String name, List<String> roles) {}

  /**
   * An organization.
   *
   * @param id the organization id
   * @param name its name
   * @param parent its parent, if any
   */
  @JsonInclude(JsonInclude.Include.NON_NULL)
  public record OrganizationJson(String id, String name, String parent) {}
}
