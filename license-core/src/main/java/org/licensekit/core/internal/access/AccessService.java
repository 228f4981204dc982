package org.licensekit.core.internal.access;

import com.google.common.collect.ImmutableList;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.licensekit.core.api.Access;
import org.licensekit.core.api.AccessDecision;
import org.licensekit.core.api.AccessDenial;
import org.licensekit.core.api.DenialReason;
import org.licensekit.core.api.Troubleshooting;
import org.licensekit.core.domain.Product;
import org.licensekit.core.domain.ProductId;
import org.licensekit.core.domain.UserId;
import org.licensekit.core.internal.Context;
import org.licensekit.core.internal.claims.AccessFactsLoader;
import org.licensekit.core.internal.claims.ClaimService;
import org.licensekit.core.internal.claims.ScopedSeats;
import org.licensekit.core.internal.directory.UserProfiles;
import org.licensekit.core.policy.AccessFacts;
import org.licensekit.core.policy.AccessPolicy;
import org.licensekit.core.policy.Operation;
import org.licensekit.core.spi.AccessDecisionCache;

public final class AccessService implements Access {

  private final Context context;
  private final AccessFactsLoader facts;
  private final ClaimService claims;
  private final AccessDecisionCache.Decider decider;
  /** The store's decision cache and the licensing clock, looked up once rather than on every check. */
  private final AccessDecisionCache decisions;
  private final java.time.InstantSource clock;
  /** Whether the actor may check any user's access (else each check is authorized): settled once, not per check. */
  private final boolean checksAnyone;
  private final Optional<UserId> self;

  public AccessService(Context context) {
    this.context = context;
    this.facts = new AccessFactsLoader(context.store(), context.tenant());
    this.claims = new ClaimService(context);
    this.decider = this::decideNow;
    this.decisions = context.store().accessDecisions();
    this.clock = context.ports().clock();
    this.checksAnyone = context.authorizedForEveryUser(Operation.CHECK_ACCESS);
    this.self = context.actor().userId();
  }

  /**
   * Decides through the store's {@link AccessDecisionCache}: a repeated check is answered from a
   * kept decision while it holds, and such a check builds nothing (no session, list, optional,
   * instant or key). A decision that is only "claim pending", when the tenant claims
   * on first access, claims (a write, which makes the check be decided again) and decides again.
   */
  @Override
  public AccessDecision check(UserId user, ProductId product) {
    Objects.requireNonNull(user, "user");
    Objects.requireNonNull(product, "product");
    if (!checksAnyone && !(self.isPresent() && self.get().equals(user) && !context.actor().kind().organizationScoped())) {
      context.authorize(Operation.CHECK_ACCESS, Optional.of(user));
    }
    AccessDecision decision = decide(user, product);
    if (onlyPending(decision) && context.store().settings().get(context.tenant()).claimOnFirstAccess()) {
      context.run(changes -> claims.claim(changes, user, product));
      return decide(user, product);
    }
    return decision;
  }

  private static boolean onlyPending(AccessDecision decision) {
    return decision.reasons().size() == 1 && decision.deniedBecause(DenialReason.CLAIM_PENDING);
  }

  private AccessDecision decide(UserId user, ProductId product) {
    return decisions.decide(context.tenant(), user, product, clock, decider);
  }

  private AccessDecisionCache.Decided decideNow(UserId user, ProductId product, Instant now) {
    AccessFacts loaded = facts.load(user, product, now);
    return new AccessDecisionCache.Decided(AccessPolicy.decide(loaded), AccessPolicy.validUntil(loaded));
  }

  @Override
  public List<AccessDecision> explain(UserId user) {
    return context.query(Operation.CHECK_ACCESS, Optional.of(user), () -> decisions(user));
  }

  private List<AccessDecision> decisions(UserId user) {
    return context.store().catalog().listProducts(context.tenant()).stream()
        .map(Product::id)
        .map(product -> decide(user, product))
        .collect(ImmutableList.toImmutableList());
  }

  @Override
  public Troubleshooting troubleshoot(UserId user) {
    return context.query(Operation.CHECK_ACCESS, Optional.of(user), () -> new Troubleshooting(
        user, new UserProfiles(context.store(), context.tenant()).find(user), waiting(user, decisions(user)),
        new ScopedSeats(context.store(), context.tenant()).outsideScope(user)));
  }

  /**
   * The decisions with {@code NO_CLAIM} told as {@code WAITING_FOR_SEAT} where the user waits for
   * the product. Only the troubleshooter reads the waitlist: the hot path's kept decisions do not
   * change when someone ahead in a queue leaves it.
   */
  private List<AccessDecision> waiting(UserId user, List<AccessDecision> decisions) {
    java.util.Map<ProductId, Integer> positions = context.store().waitlist().positionsOf(context.tenant(), user);
    if (positions.isEmpty()) {
      return decisions;
    }
    return decisions.stream().map(decision -> Optional.ofNullable(positions.get(decision.product()))
            .map(position -> new AccessDecision(decision.user(), decision.product(), decision.reasons().stream()
                .map(denial -> denial.reason() == DenialReason.NO_CLAIM
                    ? AccessDenial.of(DenialReason.WAITING_FOR_SEAT, "no license is assigned: every pool serving the user is full;"
                        + " the user waits at place " + position + " of the product's waitlist")
                    : denial)
                .collect(ImmutableList.toImmutableList()), decision.claim()))
            .orElse(decision))
        .collect(ImmutableList.toImmutableList());
  }
}
