package org.licensekit.core.internal;

import org.licensekit.core.ConflictException;
import org.licensekit.core.NotFoundException;
import org.licensekit.core.domain.ClaimId;
import org.licensekit.core.domain.LicenseClaim;
import org.licensekit.core.domain.Organization;
import org.licensekit.core.domain.OrganizationId;
import org.licensekit.core.domain.PoolId;
import org.licensekit.core.domain.PoolUsage;
import org.licensekit.core.domain.Product;
import org.licensekit.core.domain.ProductId;
import org.licensekit.core.domain.Role;
import org.licensekit.core.domain.RoleId;
import org.licensekit.core.domain.TenantId;
import org.licensekit.core.domain.UserAccount;
import org.licensekit.core.domain.UserId;
import org.licensekit.core.policy.AccountLifecycle;
import org.licensekit.core.spi.LicenseStore;

/** Loads records a command names, refusing with {@link NotFoundException} naming the field. */
public final class Lookups {

  private final LicenseStore store;
  private final TenantId tenant;

  public Lookups(LicenseStore store, TenantId tenant) {
    this.store = store;
    this.tenant = tenant;
  }

  public UserAccount user(UserId id) {
    return store.directory().findUser(tenant, id).orElseThrow(() -> new NotFoundException("userId", id));
  }

  /** The user, refused when {@link AccountLifecycle#assignable} says they may not be given a product now. */
  public UserAccount assignableUser(UserId id) {
    UserAccount user = user(id);
    AccountLifecycle.assignable(user, store.settings().get(tenant)).ifPresent(refusal -> {
      throw new ConflictException(refusal.code(), refusal.message());
    });
    return user;
  }

  public Product product(ProductId id) {
    return store.catalog().findProduct(tenant, id).orElseThrow(() -> new NotFoundException("productId", id));
  }

  public Role role(RoleId id) {
    return store.catalog().findRole(tenant, id).orElseThrow(() -> new NotFoundException("roleId", id));
  }

  public Organization organization(OrganizationId id) {
    return store.directory().findOrganization(tenant, id).orElseThrow(() -> new NotFoundException("organizationId", id));
  }

  public PoolUsage pool(PoolId id) {
    return store.pools().find(tenant, id).orElseThrow(() -> new NotFoundException("poolId", id));
  }

  public LicenseClaim claim(ClaimId id) {
    return store.claims().find(tenant, id).orElseThrow(() -> new NotFoundException("claimId", id));
  }
}
