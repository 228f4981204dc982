package org.licensekit.core.spi;

import java.util.List;
import java.util.Optional;
import org.licensekit.core.domain.JobProfile;
import org.licensekit.core.domain.JobProfileId;
import org.licensekit.core.domain.Product;
import org.licensekit.core.domain.ProductId;
import org.licensekit.core.domain.Role;
import org.licensekit.core.domain.RoleId;
import org.licensekit.core.domain.TenantId;

/** Products, roles and job profiles. Saves insert or replace by id; lists are ordered by id. */
public interface CatalogStore {

  void saveProduct(TenantId tenant, Product product);

  Optional<Product> findProduct(TenantId tenant, ProductId id);

  List<Product> listProducts(TenantId tenant);

  void saveRole(TenantId tenant, Role role);

  Optional<Role> findRole(TenantId tenant, RoleId id);

  List<Role> listRoles(TenantId tenant);

  void saveJobProfile(TenantId tenant, JobProfile profile);

  Optional<JobProfile> findJobProfile(TenantId tenant, JobProfileId id);

  List<JobProfile> listJobProfiles(TenantId tenant);
}
