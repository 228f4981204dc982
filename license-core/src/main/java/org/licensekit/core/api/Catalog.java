package org.licensekit.core.api;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.licensekit.core.domain.JobProfile;
import org.licensekit.core.domain.JobProfileId;
import org.licensekit.core.domain.Product;
import org.licensekit.core.domain.ProductId;
import org.licensekit.core.domain.Role;
import org.licensekit.core.domain.RoleId;

/** The tenant's products, product-access roles and job profiles. */
public interface Catalog {

  /**
   * Defines or redefines a product.
   *
   * @throws org.licensekit.core.NotAuthorizedException when the actor may not define the catalog
   * @throws org.licensekit.core.InvalidInputException naming each bad field
   */
  Product defineProduct(Product product);

  /**
   * Defines or redefines a role; every product it grants must be defined.
   *
   * @throws org.licensekit.core.NotAuthorizedException when the actor may not define the catalog
   * @throws org.licensekit.core.InvalidInputException naming each bad field
   * @throws org.licensekit.core.NotFoundException naming {@code productId} when it does not exist in this tenant
   */
  Role defineRole(Role role);

  /**
   * Defines or redefines a job profile; every role it names must be defined.
   *
   * @throws org.licensekit.core.NotAuthorizedException when the actor may not define the catalog
   * @throws org.licensekit.core.InvalidInputException naming {@code name} when it is blank
   * @throws org.licensekit.core.NotFoundException naming {@code roleId} when it does not exist in this tenant
   */
  JobProfile defineJobProfile(JobProfile profile);

  /**
   * Defines the guide's five roles ({@link DefaultCatalog#PROCTOR} … {@link DefaultCatalog#REPORTER})
   * granting the given products, and its three job profiles (Teacher → Observable; Administrator →
   * Observer + Evaluator; Specialized staff → Proctor).
   *
   * @throws org.licensekit.core.NotAuthorizedException when the actor may not define the catalog
   * @throws org.licensekit.core.NotFoundException naming {@code productId} when it does not exist in this tenant
   */
  void installDefaults(Map<RoleId, Set<ProductId>> grants);

  /**
   * The product, when defined.
   *
   * @throws org.licensekit.core.NotAuthorizedException when the actor may not read the catalog
   */
  Optional<Product> product(ProductId id);

  /**
   * Every product of the catalog.
   *
   * @throws org.licensekit.core.NotAuthorizedException when the actor may not read the catalog
   */
  List<Product> products();

  /**
   * Every role of the catalog.
   *
   * @throws org.licensekit.core.NotAuthorizedException when the actor may not read the catalog
   */
  List<Role> roles();

  /**
   * Every job profile of the catalog.
   *
   * @throws org.licensekit.core.NotAuthorizedException when the actor may not read the catalog
   */
  List<JobProfile> jobProfiles();
}
