package org.licensekit.core.internal.bulk;

import com.google.common.collect.ImmutableList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.licensekit.core.api.AssignmentResult;
import org.licensekit.core.api.BulkAction;
import org.licensekit.core.api.UserOutcome;
import org.licensekit.core.domain.LicenseClaim;
import org.licensekit.core.domain.Membership;
import org.licensekit.core.domain.OrganizationId;
import org.licensekit.core.domain.ProductId;
import org.licensekit.core.domain.RoleId;
import org.licensekit.core.domain.UserAccount;
import org.licensekit.core.domain.UserId;
import org.licensekit.core.internal.Grants;
import org.licensekit.core.internal.UnitOfWork;
import org.licensekit.core.internal.directory.MembershipWriter;
import org.licensekit.core.policy.AccountLifecycle;

/**
 * The membership actions of a bulk run, one user at a time. Each first decides — already so, or
 * refused (archived, no seat) — and writes only when the whole of the user's change will succeed, so
 * a refused user leaves nothing behind even inside a shared transaction.
 */
final class MembershipActions {

  private final RunScope scope;

  MembershipActions(RunScope scope) {
    this.scope = scope;
  }

  /**
   * Adds memberships (or roles in them) and assigns the products the roles grant. A free seat of
   * one of those products while users wait for it goes to the queue first ({@link
   * RunScope#serveWaitingFirst}, as the set-based chunk does), so the user is decided from the seats
   * the queue left: one the queue served holds the product already, and one it left without a seat
   * is refused (and queued) instead of the seat check passing and the assignment then finding the
   * seat given to the queue.
   */
  public UserOutcome add(UnitOfWork changes, UserAccount user, Set<OrganizationId> organizations, Set<RoleId> roles, String reason, SeatTally tally) {
    scope.serveWaitingFirst(changes, scope.memberships().productsOf(roles), Optional.of(user.id()));
    Optional<UserOutcome> unassignable = unassignable(user);
    if (unassignable.isPresent()) {
      return unassignable.get();
    }
    Map<OrganizationId, Membership> current = membershipsOf(user.id());
    Set<ProductId> missing = missing(user, roles, tally);
    boolean membershipsHeld = organizations.stream()
        .allMatch(org -> current.containsKey(org) && current.get(org).roles().containsAll(roles));
    if (membershipsHeld && missing.isEmpty()) {
      return UserOutcome.already(user.id(), "already holds " + roles + " in " + organizations);
    }
    Set<OrganizationId> after = new HashSet<>(current.keySet());
    after.addAll(organizations);
    Optional<UserOutcome> refusal = scope.seatRefusal(changes, user.id(), missing, after);
    if (refusal.isPresent()) {
      return scope.queueForSeats(changes, user.id(), missing, after, reason, refusal.get());
    }
    for (OrganizationId org : ImmutableList.sortedCopyOf(organizations)) {
      scope.memberships().grant(changes, user.id(), org, roles, Optional.of(reason));
    }
    AssignmentResult assigned = scope.assignChecked(changes, user.id(), missing, reason);
    return UserOutcome.done(user.id(), "granted " + roles + " in " + organizations + assignedText(assigned));
  }

  /**
   * Removes the user from the organizations; revokes claims nothing else justifies, and moves seats
   * of pools scoped to organizations the user left ({@code MembershipWriter#releaseSeatsOutsideScope}).
   */
  public UserOutcome remove(UnitOfWork changes, UserAccount user, Set<OrganizationId> organizations, String reason, SeatTally tally) {
    List<Membership> leaving = membershipsOf(user.id()).values().stream()
        .filter(m -> organizations.contains(m.organization()))
        .collect(Collectors.toList());
    if (leaving.isEmpty()) {
      return UserOutcome.already(user.id(), "not a member of " + organizations);
    }
    leaving.forEach(m -> scope.memberships().remove(changes, m, reason));
    Set<ProductId> products = scope.memberships().productsOf(Grants.rolesOf(leaving));
    List<ProductId> revoked = tally.released(scope.memberships().revokeUnjustified(changes, user.id(), products, reason));
    return UserOutcome.done(user.id(), "removed from " + organizations + revokedText(revoked) + movedText(moveSeats(changes, user, reason, tally)));
  }

  /** Makes the user's memberships exactly {@code organizations} × {@code roles}. */
  public UserOutcome replace(UnitOfWork changes, UserAccount user, Set<OrganizationId> organizations, Set<RoleId> roles, String reason, SeatTally tally) {
    Optional<UserOutcome> unassignable = unassignable(user);
    if (unassignable.isPresent()) {
      return unassignable.get();
    }
    Map<OrganizationId, Membership> current = membershipsOf(user.id());
    Set<ProductId> missing = missing(user, roles, tally);
    boolean same = current.keySet().equals(organizations)
        && current.values().stream().allMatch(m -> m.roles().equals(roles));
    if (same && missing.isEmpty()) {
      return UserOutcome.already(user.id(), "already exactly " + roles + " in " + organizations);
    }
    Optional<UserOutcome> refusal = scope.seatRefusal(changes, user.id(), missing, organizations);
    if (refusal.isPresent()) {
      // the move does not happen, and the user is not queued: the queue serves a user under the
      // memberships they hold, so an entry would be served from the pools of the organizations
      // this move meant them to leave
      return refusal.get();
    }
    Set<ProductId> before = scope.memberships().productsOf(Grants.rolesOf(current.values()));
    for (Membership m : current.values()) {
      if (!organizations.contains(m.organization())) {
        scope.memberships().remove(changes, m, reason);
      }
    }
    for (OrganizationId org : ImmutableList.sortedCopyOf(organizations)) {
      Optional<Membership> was = Optional.ofNullable(current.get(org));
      if (was.map(m -> !m.roles().equals(roles)).orElse(true)) {
        scope.memberships().save(changes, user.id(), org, was, roles, Optional.of(reason));
      }
    }
    List<ProductId> revoked = tally.released(scope.memberships().revokeUnjustified(changes, user.id(), before, reason));
    List<ProductId> moved = moveSeats(changes, user, reason, tally);
    AssignmentResult assigned = scope.assignChecked(changes, user.id(), missing, reason);
    return UserOutcome.done(user.id(), "now " + roles + " in " + organizations + assignedText(assigned) + revokedText(revoked)
        + movedText(moved));
  }

  /** Takes the role away in every membership, or in {@code organization} only. */
  public UserOutcome revokeRole(UnitOfWork changes, UserAccount user, BulkAction.RevokeRole action, String reason, SeatTally tally) {
    List<Membership> holding = membershipsOf(user.id()).values().stream()
        .filter(m -> m.roles().contains(action.role()))
        .filter(m -> action.organization().map(m.organization()::equals).orElse(true))
        .collect(Collectors.toList());
    if (holding.isEmpty()) {
      return UserOutcome.already(user.id(), "does not hold " + action.role());
    }
    holding.forEach(m -> scope.memberships().save(changes, user.id(), m.organization(), Optional.of(m),
        m.withoutRole(action.role()).roles(), Optional.of(reason)));
    List<ProductId> revoked = tally.released(scope.memberships().revokeUnjustified(
        changes, user.id(), scope.memberships().productsOf(Set.of(action.role())), reason));
    return UserOutcome.done(user.id(), "revoked " + action.role() + revokedText(revoked));
  }

  /** Revokes the user's live claim of the product. */
  public UserOutcome revokeProduct(UnitOfWork changes, UserAccount user, ProductId product, String reason, SeatTally tally) {
    return scope.store().claims().findLive(scope.tenant(), user.id(), product)
        .map(claim -> {
          scope.claims().revoke(changes, claim, reason);
          tally.release(product);
          return UserOutcome.done(user.id(), "revoked " + product);
        })
        .orElseGet(() -> UserOutcome.already(user.id(), "holds no live claim of " + product));
  }

  /**
   * Moves the user's seats of pools that no longer serve them (the organizations left), counting
   * each released seat and each seat taken in its place; returns the products whose seat was released.
   */
  private List<ProductId> moveSeats(UnitOfWork changes, UserAccount user, String reason, SeatTally tally) {
    MembershipWriter.ScopeMoves moves = scope.memberships().releaseSeatsOutsideScope(changes, user.id(), reason);
    tally.need(moves.reassigned().stream().map(LicenseClaim::product).toList());
    return tally.released(moves.released());
  }

  /** The products {@code roles} grant that the user holds no live claim of, counted as seats the run needs. */
  private Set<ProductId> missing(UserAccount user, Set<RoleId> roles, SeatTally tally) {
    Set<ProductId> missing = scope.missing(user.id(), scope.memberships().productsOf(roles));
    tally.need(missing);
    return missing;
  }

  private Map<OrganizationId, Membership> membershipsOf(UserId user) {
    return scope.memberships().membershipsOf(user);
  }

  /** The refusal when {@link AccountLifecycle#assignable} says the user may not be given products now. */
  private Optional<UserOutcome> unassignable(UserAccount user) {
    return AccountLifecycle.assignable(user, scope.settings())
        .map(refusal -> UserOutcome.refused(user.id(), refusal.code(), refusal.message()));
  }

  private static String assignedText(AssignmentResult assigned) {
    return assigned.assigned().isEmpty() ? "" : "; assigned " + assigned.assigned().stream()
        .map(c -> c.product().value()).collect(Collectors.joining(","));
  }

  private static String movedText(List<ProductId> moved) {
    return moved.isEmpty() ? "" : "; released seats outside the pools' organizations of "
        + moved.stream().map(ProductId::value).collect(Collectors.joining(","));
  }

  static String revokedText(List<ProductId> revoked) {
    return revoked.isEmpty() ? "" : "; revoked " + revoked.stream().map(ProductId::value).collect(Collectors.joining(","));
  }
}
