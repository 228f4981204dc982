package org.licensekit.core.cache;

import com.google.common.collect.ImmutableList;
import java.util.List;
import java.util.Optional;
import org.licensekit.core.cache.Scope.Area;
import org.licensekit.core.domain.JobProfile;
import org.licensekit.core.domain.JobProfileId;
import org.licensekit.core.domain.Product;
import org.licensekit.core.domain.ProductId;
import org.licensekit.core.domain.Role;
import org.licensekit.core.domain.RoleId;
import org.licensekit.core.domain.TenantId;
import org.licensekit.core.spi.CatalogStore;

/** Products, roles and job profiles, cached per tenant; any save invalidates the tenant's catalog. */
final class CachingCatalogStore implements CatalogStore {

  private final CatalogStore delegate;
  private final CachingTransactions tx;

  CachingCatalogStore(CatalogStore delegate, CachingTransactions tx) {
    this.delegate = delegate;
    this.tx = tx;
  }

  private static Scope catalog(TenantId tenant) {
    return Scope.shared(tenant, Area.CATALOG);
  }

  @Override
  public void saveProduct(TenantId tenant, Product product) {
    tx.perform(catalog(tenant), () -> delegate.saveProduct(tenant, product));
  }

  @Override
  public Optional<Product> findProduct(TenantId tenant, ProductId id) {
    return tx.read(catalog(tenant), Query.of("findProduct", id), () -> delegate.findProduct(tenant, id));
  }

  @Override
  public List<Product> listProducts(TenantId tenant) {
    return tx.read(catalog(tenant), Query.of("listProducts"), () -> ImmutableList.copyOf(delegate.listProducts(tenant)));
  }

  @Override
  public void saveRole(TenantId tenant, Role role) {
    tx.perform(catalog(tenant), () -> delegate.saveRole(tenant, role));
  }

  @Override
  public Optional<Role> findRole(TenantId tenant, RoleId id) {
    return tx.read(catalog(tenant), Query.of("findRole", id), () -> delegate.findRole(tenant, id));
  }

  @Override
  public List<Role> listRoles(TenantId tenant) {
    return tx.read(catalog(tenant), Query.of("listRoles"), () -> ImmutableList.copyOf(delegate.listRoles(tenant)));
  }

  @Override
  public void saveJobProfile(TenantId tenant, JobProfile profile) {
    tx.perform(catalog(tenant), () -> delegate.saveJobProfile(tenant, profile));
  }

  @Override
  public Optional<JobProfile> findJobProfile(TenantId tenant, JobProfileId id) {
    return tx.read(catalog(tenant), Query.of("findJobProfile", id), () -> delegate.findJobProfile(tenant, id));
  }

  @Override
  public List<JobProfile> listJobProfiles(TenantId tenant) {
    return tx.read(catalog(tenant), Query.of("listJobProfiles"), () -> ImmutableList.copyOf(delegate.listJobProfiles(tenant)));
  }
}
