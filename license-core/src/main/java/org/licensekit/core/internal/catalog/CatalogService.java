package org.licensekit.core.internal.catalog;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.licensekit.core.api.Catalog;
import org.licensekit.core.api.DefaultCatalog;
import org.licensekit.core.domain.ChangeType;
import org.licensekit.core.domain.JobProfile;
import org.licensekit.core.domain.Product;
import org.licensekit.core.domain.ProductId;
import org.licensekit.core.domain.Role;
import org.licensekit.core.domain.RoleId;
import org.licensekit.core.internal.Context;
import org.licensekit.core.internal.Lookups;
import org.licensekit.core.internal.UnitOfWork;
import org.licensekit.core.policy.Operation;

public final class CatalogService implements Catalog {

  private final Context context;
  private final Lookups lookups;

  public CatalogService(Context context) {
    this.context = context;
    this.lookups = new Lookups(context.store(), context.tenant());
  }

  @Override
  public Product defineProduct(Product product) {
    return context.command(Operation.DEFINE_CATALOG, Optional.empty(), () -> context.validate(product), changes -> {
      Optional<Product> before = context.store().catalog().findProduct(context.tenant(), product.id());
      context.store().catalog().saveProduct(context.tenant(), product);
      changes.record(ChangeType.PRODUCT_DEFINED, "product", product.id())
          .product(product.id()).before(before).after(product).done();
      return product;
    });
  }

  @Override
  public Role defineRole(Role role) {
    return context.command(Operation.DEFINE_CATALOG, Optional.empty(), () -> context.validate(role), changes -> saveRole(changes, role));
  }

  private Role saveRole(UnitOfWork changes, Role role) {
    role.grants().forEach(lookups::product);
    Optional<Role> before = context.store().catalog().findRole(context.tenant(), role.id());
    context.store().catalog().saveRole(context.tenant(), role);
    changes.record(ChangeType.ROLE_DEFINED, "role", role.id())
        .before(before).after(role).done();
    return role;
  }

  @Override
  public JobProfile defineJobProfile(JobProfile profile) {
    return context.command(Operation.DEFINE_CATALOG, Optional.empty(),
        () -> org.licensekit.core.policy.InputRules.requireName("name", profile.name()),
        changes -> saveJobProfile(changes, profile));
  }

  private JobProfile saveJobProfile(UnitOfWork changes, JobProfile profile) {
    profile.roles().forEach(lookups::role);
    context.store().catalog().saveJobProfile(context.tenant(), profile);
    changes.record(ChangeType.JOB_PROFILE_DEFINED, "jobProfile", profile.id()).after(profile).done();
    return profile;
  }

  @Override
  public void installDefaults(Map<RoleId, Set<ProductId>> grants) {
    context.command(Operation.DEFINE_CATALOG, Optional.empty(), changes -> {
      for (DefaultCatalog.RoleInfo info : DefaultCatalog.roles()) {
        saveRole(changes, Role.builder()
            .id(info.id())
            .name(info.name())
            .description(info.description())
            .grants(grants.getOrDefault(info.id(), Set.of()))
            .build());
      }
      DefaultCatalog.jobProfiles().forEach(profile -> saveJobProfile(changes, profile));
      return null;
    });
  }

  @Override
  public Optional<Product> product(ProductId id) {
    return context.query(Operation.READ_CATALOG, Optional.empty(),
        () -> context.store().catalog().findProduct(context.tenant(), id));
  }

  @Override
  public List<Product> products() {
    return context.query(Operation.READ_CATALOG, Optional.empty(), () -> context.store().catalog().listProducts(context.tenant()));
  }

  @Override
  public List<Role> roles() {
    return context.query(Operation.READ_CATALOG, Optional.empty(), () -> context.store().catalog().listRoles(context.tenant()));
  }

  @Override
  public List<JobProfile> jobProfiles() {
    return context.query(Operation.READ_CATALOG, Optional.empty(), () -> context.store().catalog().listJobProfiles(context.tenant()));
  }
}
