package org.licensekit.core.cache;

import java.util.Objects;
import org.licensekit.core.domain.TenantId;
import org.licensekit.core.domain.UserId;

/**
 * What one cached snapshot covers and one write invalidates as a whole: a user of a tenant (their
 * account, memberships, training records and claims), or one shared area of a tenant.
 */
sealed interface Scope {

  /** A tenant's records that every user's access check shares. */
  enum Area {
    /** Products, roles and job profiles. */
    CATALOG,
    ORGANIZATIONS,
    /** Pools and their seat counts, which change on every seat taken or given back. */
    POOLS,
    SETTINGS
  }

  TenantId tenant();

  static Scope user(TenantId tenant, UserId user) {
    return new OfUser(tenant, user);
  }

  static Scope shared(TenantId tenant, Area area) {
    return new Shared(tenant, area);
  }

  /** One user of one tenant. */
  record OfUser(TenantId tenant, UserId user) implements Scope {
    public OfUser {
      Objects.requireNonNull(tenant, "tenant");
      Objects.requireNonNull(user, "user");
    }
  }

  /** One shared area of one tenant. */
  record Shared(TenantId tenant, Area area) implements Scope {
    public Shared {
      Objects.requireNonNull(tenant, "tenant");
      Objects.requireNonNull(area, "area");
    }
  }
}
