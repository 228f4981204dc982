package org.licensekit.core.cache;

import java.util.Objects;
import org.licensekit.core.domain.TenantId;
import org.licensekit.core.domain.UserId;
import org.licensekit.core.spi.ChangedRecords;

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

  /** The scope a change signalled by another instance touches. */
  static Scope of(ChangedRecords change) {
    return switch (change.part()) {
      case USER -> user(change.tenant(), change.user().orElseThrow());
      case CATALOG -> shared(change.tenant(), Area.CATALOG);
      case ORGANIZATIONS -> shared(change.tenant(), Area.ORGANIZATIONS);
      case POOLS -> shared(change.tenant(), Area.POOLS);
      case SETTINGS -> shared(change.tenant(), Area.SETTINGS);
    };
  }

  /** This scope as a change to signal to other instances. */
  ChangedRecords change();

  /** One user of one tenant. */
  record OfUser(TenantId tenant, UserId user) implements Scope {
    public OfUser {
      Objects.requireNonNull(tenant, "tenant");
      Objects.requireNonNull(user, "user");
    }

    @Override
    public ChangedRecords change() {
      return ChangedRecords.ofUser(tenant, user);
    }
  }

  /** One shared area of one tenant. */
  record Shared(TenantId tenant, Area area) implements Scope {
    public Shared {
      Objects.requireNonNull(tenant, "tenant");
      Objects.requireNonNull(area, "area");
    }

    @Override
    public ChangedRecords change() {
      return ChangedRecords.ofShared(tenant, ChangedRecords.Part.valueOf(area.name()));
    }
  }
}
