package org.licensekit.core.internal;

import com.google.common.collect.ImmutableSet;
import java.util.Collection;
import java.util.Optional;
import java.util.Set;
import org.licensekit.core.domain.ClaimId;
import org.licensekit.core.domain.OrganizationId;
import org.licensekit.core.domain.PoolId;
import org.licensekit.core.domain.UserId;

/**
 * The records a call names, which {@link Context} checks against the actor's reach before the call
 * runs: users and claims it touches, pools it changes, organizations it acts in. A call that names
 * none either reaches the whole tenant ({@link #none()}) or limits what it reads or changes to the
 * actor's reach itself ({@link #limitedByReach()}).
 */
public final class Target {

  private static final Target NONE = new Target(Set.of(), Set.of(), Set.of(), Set.of(), false, false, false);
  private static final Target LIMITED = new Target(Set.of(), Set.of(), Set.of(), Set.of(), false, true, false);
  private static final Target WHOLE_TENANT = new Target(Set.of(), Set.of(), Set.of(), Set.of(), false, false, true);

  private final Set<UserId> users;
  private final Set<ClaimId> claims;
  private final Set<PoolId> pools;
  private final Set<OrganizationId> organizations;
  private final boolean needsOrganization;
  private final boolean limitedByReach;
  private final boolean wholeTenant;

  private Target(Set<UserId> users, Set<ClaimId> claims, Set<PoolId> pools, Set<OrganizationId> organizations,
      boolean needsOrganization, boolean limitedByReach, boolean wholeTenant) {
    this.wholeTenant = wholeTenant;
    this.users = ImmutableSet.copyOf(users);
    this.claims = ImmutableSet.copyOf(claims);
    this.pools = ImmutableSet.copyOf(pools);
    this.organizations = ImmutableSet.copyOf(organizations);
    this.needsOrganization = needsOrganization;
    this.limitedByReach = limitedByReach;
  }

  /** Names nothing: the call reaches the whole tenant. */
  public static Target none() {
    return NONE;
  }

  /** Names nothing, and limits what it reads or changes to {@link Context#reach()} itself. */
  public static Target limitedByReach() {
    return LIMITED;
  }

  /**
   * Reaches beyond any organization subtree whatever else it names (a change to every membership
   * of the users it selects, say): never for an organization-scoped actor.
   */
  public static Target wholeTenant() {
    return WHOLE_TENANT;
  }

  /** Touches one user. */
  public static Target user(UserId user) {
    return users(Set.of(user));
  }

  /** Touches these users. */
  public static Target users(Collection<UserId> users) {
    return new Target(ImmutableSet.copyOf(users), Set.of(), Set.of(), Set.of(), false, false, false);
  }

  /** Touches these claims (and so their users). */
  public static Target claims(Collection<ClaimId> claims) {
    return new Target(Set.of(), ImmutableSet.copyOf(claims), Set.of(), Set.of(), false, false, false);
  }

  /** Changes these pools. */
  public static Target pools(Collection<PoolId> pools) {
    return new Target(Set.of(), Set.of(), ImmutableSet.copyOf(pools), Set.of(), false, false, false);
  }

  /** Acts in these organizations. */
  public static Target organizations(Collection<OrganizationId> organizations) {
    return new Target(Set.of(), Set.of(), Set.of(), ImmutableSet.copyOf(organizations), false, false, false);
  }

  /**
   * Places something in these organizations, and must name at least one: an organization-scoped
   * actor may not place anything at the tenant's level (a root organization, a tenant-wide pool, a
   * user in no organization).
   */
  public static Target placing(Collection<OrganizationId> organizations) {
    return new Target(Set.of(), Set.of(), Set.of(), ImmutableSet.copyOf(organizations), true, false, false);
  }

  /** Both targets' records. */
  public Target and(Target other) {
    return new Target(union(users, other.users), union(claims, other.claims), union(pools, other.pools),
        union(organizations, other.organizations), needsOrganization || other.needsOrganization,
        limitedByReach || other.limitedByReach, wholeTenant || other.wholeTenant);
  }

  private static <T> Set<T> union(Set<T> a, Set<T> b) {
    return ImmutableSet.<T>builder().addAll(a).addAll(b).build();
  }

  /** The one user the call concerns, for the self-service rule. */
  public Optional<UserId> subject() {
    return users.size() == 1 && claims.isEmpty() ? Optional.of(users.iterator().next()) : Optional.empty();
  }

  Set<UserId> users() {
    return users;
  }

  Set<ClaimId> claims() {
    return claims;
  }

  Set<PoolId> pools() {
    return pools;
  }

  Set<OrganizationId> organizations() {
    return organizations;
  }

  boolean needsOrganization() {
    return needsOrganization;
  }

  /** Whether the call names something (or limits itself), rather than the whole tenant. */
  boolean bounded() {
    return !wholeTenant && (limitedByReach || !users.isEmpty() || !claims.isEmpty() || !pools.isEmpty() || !organizations.isEmpty()
        || needsOrganization);
  }
}
