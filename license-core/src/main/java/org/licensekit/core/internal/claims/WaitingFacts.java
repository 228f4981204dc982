package org.licensekit.core.internal.claims;

import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.licensekit.core.domain.LicenseClaim;
import org.licensekit.core.domain.Membership;
import org.licensekit.core.domain.OrganizationId;
import org.licensekit.core.domain.PoolUsage;
import org.licensekit.core.domain.Product;
import org.licensekit.core.domain.TenantId;
import org.licensekit.core.domain.TenantSettings;
import org.licensekit.core.domain.TrainingRecord;
import org.licensekit.core.domain.UserAccount;
import org.licensekit.core.domain.UserId;
import org.licensekit.core.domain.WaitlistEntry;
import org.licensekit.core.internal.Grants;
import org.licensekit.core.policy.OrganizationTree;
import org.licensekit.core.policy.Prerequisites;
import org.licensekit.core.policy.WaitlistPolicy;
import org.licensekit.core.spi.LicenseStore;

/**
 * What the waitlist decides a waiting user's turn from — their account, whether they hold the
 * product already, their memberships (the roles that justify waiting, the organizations a scoped
 * pool serves) and, when the product has prerequisites, their training — read for a batch of the
 * queue at once: one statement per kind for the whole batch, not one per user.
 */
final class WaitingFacts {

  private final Product product;
  private final Map<UserId, UserAccount> accounts;
  private final Set<UserId> holdingLive;
  private final Map<UserId, List<Membership>> memberships;
  private final Map<UserId, List<TrainingRecord>> training;
  private final Optional<OrganizationTree> organizations;

  private WaitingFacts(Product product, Map<UserId, UserAccount> accounts, Set<UserId> holdingLive,
      Map<UserId, List<Membership>> memberships, Map<UserId, List<TrainingRecord>> training, Optional<OrganizationTree> organizations) {
    this.product = product;
    this.accounts = accounts;
    this.holdingLive = holdingLive;
    this.memberships = memberships;
    this.training = training;
    this.organizations = organizations;
  }

  /**
   * The facts of {@code entries}' users: the organization tree only when {@code scoped} (a pool of
   * the product serves some organizations only), the training only when the product has prerequisites.
   */
  static WaitingFacts read(LicenseStore store, TenantId tenant, Product product, Collection<WaitlistEntry> entries, boolean scoped) {
    List<UserId> users = entries.stream().map(WaitlistEntry::user).distinct().toList();
    Set<UserId> holdingLive = store.claims().findLiveOfUsers(tenant, users, List.of(product.id())).stream()
        .map(LicenseClaim::user).collect(Collectors.toSet());
    Map<UserId, List<TrainingRecord>> training = product.prerequisites().isEmpty() ? Map.of() : store.training().listForUsers(tenant, users);
    return new WaitingFacts(product, store.directory().findUsers(tenant, users), holdingLive, store.directory().membershipsOfUsers(tenant, users),
        training, scoped ? Optional.of(OrganizationTree.of(store.directory().listOrganizations(tenant))) : Optional.empty());
  }

  /** The waitlist's verdict on {@code entry} now ({@link WaitlistPolicy#decide}). */
  WaitlistPolicy.Decision decide(WaitlistEntry entry, TenantSettings settings, Grants grants, Instant now) {
    UserId user = entry.user();
    boolean justified = entry.direct() || grants.productsOf(Grants.rolesOf(membershipsOf(user))).contains(entry.product());
    boolean prerequisitesMet = product.prerequisites().isEmpty()
        || Prerequisites.unmet(product, training.getOrDefault(user, List.of()), now).isEmpty();
    return WaitlistPolicy.decide(Optional.ofNullable(accounts.get(user)), settings, holdingLive.contains(user), justified, prerequisitesMet);
  }

  /** Whether one of {@code pools} (in term) serves the user by organization, whatever its free seats. */
  boolean servedByAny(List<PoolUsage> pools, UserId user) {
    if (pools.stream().noneMatch(usage -> usage.pool().scope().isPresent())) {
      return !pools.isEmpty();
    }
    Set<OrganizationId> theirs = organizations.orElseThrow(() -> new IllegalStateException("facts read for unscoped pools"))
        .withAncestors(membershipsOf(user).stream().map(Membership::organization).toList());
    return pools.stream().anyMatch(usage -> usage.pool().scope().map(theirs::contains).orElse(true));
  }

  private List<Membership> membershipsOf(UserId user) {
    return memberships.getOrDefault(user, List.of());
  }
}
