package org.licensekit.core.memory;

import java.util.List;
import java.util.Optional;
import org.licensekit.core.domain.JobProfile;
import org.licensekit.core.domain.JobProfileId;
import org.licensekit.core.domain.Product;
import org.licensekit.core.domain.ProductId;
import org.licensekit.core.domain.Role;
import org.licensekit.core.domain.RoleId;
import org.licensekit.core.domain.TenantId;
import org.licensekit.core.spi.CatalogStore;

/** Products, roles and job profiles in memory. */
final class InMemoryCatalogStore implements CatalogStore {

  private final InMemoryTransactions tx;
  private final TenantTable<ProductId, Product> products;
  private final TenantTable<RoleId, Role> roles;
  private final TenantTable<JobProfileId, JobProfile> profiles;

  InMemoryCatalogStore(InMemoryTransactions tx) {
    this.tx = tx;
    this.products = new TenantTable<>(tx);
    this.roles = new TenantTable<>(tx);
    this.profiles = new TenantTable<>(tx);
  }

  @Override
  public void saveProduct(TenantId tenant, Product product) {
    tx.write(() -> products.put(tenant, product.id(), product));
  }

  @Override
  public Optional<Product> findProduct(TenantId tenant, ProductId id) {
    return tx.read(() -> products.get(tenant, id));
  }

  @Override
  public List<Product> listProducts(TenantId tenant) {
    return tx.read(() -> products.values(tenant));
  }

  @Override
  public void saveRole(TenantId tenant, Role role) {
    tx.write(() -> roles.put(tenant, role.id(), role));
  }

  @Override
  public Optional<Role> findRole(TenantId tenant, RoleId id) {
    return tx.read(() -> roles.get(tenant, id));
  }

  @Override
  public List<Role> listRoles(TenantId tenant) {
    return tx.read(() -> roles.values(tenant));
  }

  @Override
  public void saveJobProfile(TenantId tenant, JobProfile profile) {
    tx.write(() -> profiles.put(tenant, profile.id(), profile));
  }

  @Override
  public Optional<JobProfile> findJobProfile(TenantId tenant, JobProfileId id) {
    return tx.read(() -> profiles.get(tenant, id));
  }

  @Override
  public List<JobProfile> listJobProfiles(TenantId tenant) {
    return tx.read(() -> profiles.values(tenant));
  }
}
