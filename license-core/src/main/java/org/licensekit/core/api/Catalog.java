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

  /** Defines or redefines a product. */
  Product defineProduct(Product product);

  /** Defines or redefines a role; every product it grants must be defined. */
  Role defineRole(Role role);

  /** Defines or redefines a job profile; every role it names must be defined. */
  JobProfile defineJobProfile(JobProfile profile);

  /**
   * Defines the guide's five roles ({@link DefaultCatalog#PROCTOR} … {@link DefaultCatalog#REPORTER})
   * granting the given products, and its three job profiles (Teacher → Observable; Administrator →
   * Observer + Evaluator; Specialized staff → Proctor).
   */
  void installDefaults(Map<RoleId, Set<ProductId>> grants);

  Optional<Product> product(ProductId id);

  List<Product> products();

  List<Role> roles();

  List<JobProfile> jobProfiles();
}
