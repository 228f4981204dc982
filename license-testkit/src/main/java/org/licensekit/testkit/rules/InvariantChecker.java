package org.licensekit.testkit.rules;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.licensekit.core.ActorSession;
import org.licensekit.core.api.AuditQuery;
import org.licensekit.core.domain.AccountStatus;
import org.licensekit.core.domain.ChangeType;
import org.licensekit.core.domain.ClaimId;
import org.licensekit.core.domain.ClaimStatus;
import org.licensekit.core.domain.LicenseClaim;
import org.licensekit.core.domain.PoolId;
import org.licensekit.core.domain.PoolUsage;
import org.licensekit.core.domain.UserAccount;
import org.licensekit.core.domain.UserId;

/**
 * Checks DESIGN.md's rules 1–3 and 8 from the outside, through the public API, and remembers every
 * claim it has seen so that each observed status change can be judged against the lifecycle. The
 * legal transitions are written out here rather than taken from the policy under test.
 */
final class InvariantChecker {

  private static final Set<String> LEGAL_TRANSITIONS = Set.of(
      "PENDING->ACTIVE", "PENDING->REVOKED", "PENDING->EXPIRED", "ACTIVE->REVOKED", "ACTIVE->EXPIRED");

  private final ActorSession admin;
  private final Collection<UserId> users;
  private final Map<ClaimId, LicenseClaim> lastSeen = new HashMap<>();
  /** Claims seen pending: their activation is a transition and must be audited. */
  private final Set<ClaimId> seenPending = new HashSet<>();

  InvariantChecker(ActorSession admin, Collection<UserId> users) {
    this.admin = admin;
    this.users = users;
  }

  /** Every rule broken now, in words; empty when all hold. */
  List<String> check() {
    List<String> broken = new ArrayList<>();
    List<LicenseClaim> claims = users.stream()
        .flatMap(user -> ownClaims(user, broken).stream())
        .collect(Collectors.toList());
    List<LicenseClaim> live = claims.stream().filter(c -> c.status().isLive()).collect(Collectors.toList());
    checkSeats(live, broken);
    checkOneLiveClaimPerProduct(live, broken);
    checkTransitions(claims, broken);
    checkArchivedUsersHoldNoSeats(live, broken);
    return broken;
  }

  private List<LicenseClaim> ownClaims(UserId user, List<String> broken) {
    List<LicenseClaim> claims = admin.claims().ofUser(user);
    claims.stream().filter(c -> !c.user().equals(user))
        .forEach(c -> broken.add("claims().ofUser(" + user + ") returned " + c.id() + " of " + c.user()));
    return claims;
  }

  /** Rule 1: for every pool, live claims == seatsInUse <= seats; no live claim outside a pool. */
  private void checkSeats(List<LicenseClaim> live, List<String> broken) {
    Map<PoolId, Long> holders = live.stream().collect(Collectors.groupingBy(LicenseClaim::pool, Collectors.counting()));
    Map<PoolId, PoolUsage> pools = admin.pools().list().stream()
        .collect(Collectors.toMap(p -> p.pool().id(), p -> p));
    pools.forEach((id, usage) -> {
      long held = holders.getOrDefault(id, 0L);
      if (held != usage.seatsInUse()) {
        broken.add("rule 1: pool " + id + " reports " + usage.seatsInUse() + " seats in use but " + held + " live claims hold one");
      }
      if (held > usage.pool().seats()) {
        broken.add("rule 1: pool " + id + " has " + held + " live claims for " + usage.pool().seats() + " seats");
      }
    });
    holders.keySet().stream().filter(id -> !pools.containsKey(id))
        .forEach(id -> broken.add("rule 1: live claims hold seats of unknown pool " + id));
  }

  /** Rule 2: at most one live claim per user × product. */
  private static void checkOneLiveClaimPerProduct(List<LicenseClaim> live, List<String> broken) {
    live.stream()
        .collect(Collectors.groupingBy(c -> c.user() + "×" + c.product(), Collectors.counting()))
        .forEach((key, count) -> {
          if (count > 1) {
            broken.add("rule 2: " + count + " live claims for " + key);
          }
        });
  }

  /**
   * Rule 3: only legal transitions, stamped; claims never vanish nor change user or product, and a
   * final claim never changes at all. A live claim may move to another pool (a roll-over).
   */
  private void checkTransitions(List<LicenseClaim> claims, List<String> broken) {
    Map<ClaimId, LicenseClaim> now = new HashMap<>();
    for (LicenseClaim claim : claims) {
      now.put(claim.id(), claim);
      LicenseClaim before = lastSeen.put(claim.id(), claim);
      if (claim.status() == ClaimStatus.PENDING) {
        seenPending.add(claim.id());
      }
      checkStamps(claim, broken);
      if (before == null) {
        continue;
      }
      if (before.status() != claim.status() && !LEGAL_TRANSITIONS.contains(before.status() + "->" + claim.status())) {
        broken.add("rule 3: claim " + claim.id() + " went " + before.status() + " -> " + claim.status());
      }
      if (!before.user().equals(claim.user()) || !before.product().equals(claim.product())) {
        broken.add("rule 3: claim " + claim.id() + " changed its user or product: " + before + " -> " + claim);
      }
      if (before.status().isFinal() && !before.equals(claim)) {
        broken.add("rule 3: final claim " + claim.id() + " changed: " + before + " -> " + claim);
      }
    }
    lastSeen.keySet().stream().filter(id -> !now.containsKey(id))
        .forEach(id -> broken.add("rule 3: claim " + id + " vanished (was " + lastSeen.get(id).status() + ")"));
  }

  private static void checkStamps(LicenseClaim claim, List<String> broken) {
    if (claim.status() == ClaimStatus.ACTIVE && (claim.claimedAt().isEmpty() || claim.expiresAt().isEmpty())) {
      broken.add("rule 3: active claim " + claim.id() + " lacks claimedAt or expiresAt: " + claim);
    }
    if (claim.status().isFinal() && (claim.endedAt().isEmpty() || claim.endedBy().isEmpty() || claim.reason().isEmpty())) {
      broken.add("rule 3: ended claim " + claim.id() + " lacks who, when or why: " + claim);
    }
  }

  /** Rule 8: archived users hold no live claims. */
  private void checkArchivedUsersHoldNoSeats(List<LicenseClaim> live, List<String> broken) {
    Set<UserId> archived = admin.users().list().stream()
        .filter(u -> u.status() == AccountStatus.ARCHIVED)
        .map(UserAccount::id)
        .collect(Collectors.toSet());
    live.stream().filter(c -> archived.contains(c.user()))
        .forEach(c -> broken.add("rule 8: archived user " + c.user() + " holds live claim " + c.id() + " of " + c.product()));
  }

  /**
   * Seats stay inside their pool's organization scope: a live claim from a pool scoped to an
   * organization belongs to a member of it or of one of its sub-organizations (a user who leaves the
   * organization, alone or in a bulk run, gives the seat up). Judged from the public API: the pools'
   * scopes, the organization tree and each holder's profile.
   */
  List<String> checkSeatsInScope() {
    List<String> broken = new ArrayList<>();
    Map<PoolId, org.licensekit.core.domain.OrganizationId> scopes = new HashMap<>();
    admin.pools().list().forEach(usage -> usage.pool().scope().ifPresent(scope -> scopes.put(usage.pool().id(), scope)));
    Map<org.licensekit.core.domain.OrganizationId, java.util.Optional<org.licensekit.core.domain.OrganizationId>> parents = new HashMap<>();
    admin.users().organizations().forEach(o -> parents.put(o.id(), o.parent()));
    for (UserId user : users) {
      List<LicenseClaim> scoped = admin.claims().ofUser(user).stream()
          .filter(c -> c.status().isLive() && scopes.containsKey(c.pool())).toList();
      if (scoped.isEmpty()) {
        continue;
      }
      Set<org.licensekit.core.domain.OrganizationId> reached = new HashSet<>();
      admin.users().profile(user).organizations().forEach(held -> {
        java.util.Optional<org.licensekit.core.domain.OrganizationId> at = java.util.Optional.of(held.organization().id());
        while (at.isPresent() && reached.add(at.get())) {
          at = parents.getOrDefault(at.get(), java.util.Optional.empty());
        }
      });
      scoped.stream().filter(c -> !reached.contains(scopes.get(c.pool())))
          .forEach(c -> broken.add("scope: " + user + " holds live claim " + c.id() + " of pool " + c.pool() + " scoped to "
              + scopes.get(c.pool()) + " but belongs only to " + reached));
    }
    return broken;
  }

  /**
   * Rule 3's audit half: every claim seen has its assignment, activation and end in the audit trail.
   * Activation is asked of claims seen pending: a seat transfer that keeps the claim's status makes
   * the receiver's claim active from the start, with no activation to audit.
   */
  List<String> checkAudited() {
    List<String> broken = new ArrayList<>();
    for (LicenseClaim claim : lastSeen.values()) {
      Set<ChangeType> actions = admin.audit().query(AuditQuery.builder().subjectId(claim.id().value()).build()).stream()
          .map(e -> e.action())
          .collect(Collectors.toSet());
      expect(actions, ChangeType.CLAIM_ASSIGNED, true, claim, broken);
      expect(actions, ChangeType.CLAIM_ACTIVATED, seenPending.contains(claim.id()) && claim.claimedAt().isPresent(), claim, broken);
      expect(actions, ChangeType.CLAIM_REVOKED, claim.status() == ClaimStatus.REVOKED, claim, broken);
      expect(actions, ChangeType.CLAIM_EXPIRED, claim.status() == ClaimStatus.EXPIRED, claim, broken);
    }
    return broken;
  }

  private static void expect(Set<ChangeType> actions, ChangeType action, boolean expected, LicenseClaim claim, List<String> broken) {
    if (expected && !actions.contains(action)) {
      broken.add("rule 3: claim " + claim.id() + " (" + claim.status() + ") has no " + action + " audit entry");
    }
  }

  /** How many distinct claims the checker has seen. */
  int claimsSeen() {
    return lastSeen.size();
  }

  /** The claims seen, counted by their last status and by whether they were ever activated, for the run's log. */
  Map<String, Long> lastStatuses() {
    Map<String, Long> counts = lastSeen.values().stream()
        .collect(Collectors.groupingBy(c -> c.status().name(), java.util.TreeMap::new, Collectors.counting()));
    counts.put("activated", lastSeen.values().stream().filter(c -> c.claimedAt().isPresent()).count());
    return counts;
  }
}
