package org.licensekit.core.internal;

import java.util.Optional;
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
import org.licensekit.core.spi.DirectoryStore;
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

  /**
   * The user, refused when {@link AccountLifecycle#assignable} says they may not be given a product
   * now. The account is read locked, with the tenant's settings held, and remembered in
   * {@code changes}: the seat taken later in the command needs neither read again.
   */
  public UserAccount assignableUser(UnitOfWork changes, UserId id) {
    UserAccount user = heldUser(changes, id);
    AccountLifecycle.assignable(user, changes.heldSettings().orElseThrow()).ifPresent(refusal -> {
      throw new ConflictException(refusal.code(), refusal.message());
    });
    return user;
  }

  /**
   * The user as this transaction holds it: locked with the tenant's settings held
   * ({@link org.licensekit.core.spi.DirectoryStore#lockUserHoldingSettings}) on the first call, and from
   * {@code changes} after that.
   */
  public UserAccount heldUser(UnitOfWork changes, UserId id) {
    return held(store, changes, id).orElseThrow(() -> new NotFoundException("userId", id));
  }

  /** {@link #heldUser}, empty when there is no such user. */
  public static Optional<UserAccount> held(LicenseStore store, UnitOfWork changes, UserId id) {
    Optional<UserAccount> held = changes.heldAccount(id);
    if (held.isPresent() && changes.heldSettings().isPresent()) {
      return held;
    }
    Optional<DirectoryStore.HeldAccount> read = store.directory().lockUserHoldingSettings(changes.tenant(), id, store.settings());
    read.ifPresent(changes::held);
    return read.map(DirectoryStore.HeldAccount::account);
  }

  public Product product(ProductId id) {
    return store.catalog().findProduct(tenant, id).orElseThrow(() -> new NotFoundException("productId", id));
  }

  /** {@link #product}, read once per attempt of the command. */
  public Product product(UnitOfWork changes, ProductId id) {
    return changes.product(id, read -> store.catalog().findProduct(tenant, read)).orElseThrow(() -> new NotFoundException("productId", id));
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
