package org.licensekit.core.internal.claims;

import com.google.common.collect.ImmutableList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.licensekit.core.api.AccessDecision;
import org.licensekit.core.api.AccessDenial;
import org.licensekit.core.api.ClaimResult;
import org.licensekit.core.api.Claims;
import org.licensekit.core.api.DenialReason;
import org.licensekit.core.domain.ClaimId;
import org.licensekit.core.domain.ClaimStatus;
import org.licensekit.core.domain.LicenseClaim;
import org.licensekit.core.domain.ProductId;
import org.licensekit.core.domain.UserId;
import org.licensekit.core.internal.Context;
import org.licensekit.core.internal.Lookups;
import org.licensekit.core.internal.Target;
import org.licensekit.core.internal.UnitOfWork;
import org.licensekit.core.policy.AccessFacts;
import org.licensekit.core.policy.AccessPolicy;
import org.licensekit.core.policy.Operation;

public final class ClaimService implements Claims {

  private final Context context;
  private final Lookups lookups;
  private final ClaimWriter claims;
  private final AccessFactsLoader facts;

  public ClaimService(Context context) {
    this.context = context;
    this.lookups = new Lookups(context.store(), context.tenant());
    this.claims = new ClaimWriter(context.store(), context.tenant());
    this.facts = new AccessFactsLoader(context.store(), context.tenant());
  }

  @Override
  public ClaimResult claim(UserId user, ProductId product) {
    return context.command(Operation.CLAIM, Optional.of(user), changes -> claim(changes, user, product));
  }

  /**
   * Activates the user's pending claim when nothing but its being pending stands in the way; an
   * already active, valid claim is returned as it is.
   */
  public ClaimResult claim(UnitOfWork changes, UserId user, ProductId product) {
    AccessFacts loaded = facts.load(user, product, changes.now());
    AccessDecision decision = AccessPolicy.decide(loaded);
    if (decision.allowed()) {
      return ClaimResult.claimed(loaded.claim().orElseThrow());
    }
    List<AccessDenial> blocking = decision.reasons().stream()
        .filter(denial -> denial.reason() != DenialReason.CLAIM_PENDING)
        .collect(ImmutableList.toImmutableList());
    if (!blocking.isEmpty()) {
      return ClaimResult.refused(blocking);
    }
    LicenseClaim pending = loaded.claim().filter(c -> c.status() == ClaimStatus.PENDING).orElseThrow();
    return ClaimResult.claimed(claims.activate(changes, pending, loaded.product().orElseThrow(), loaded.pool().orElseThrow()));
  }

  @Override
  public LicenseClaim revoke(ClaimId id, String reason) {
    return context.command(Operation.REVOKE_CLAIM, Target.claims(Set.of(id)), () -> Context.requireReason(reason), changes -> claims.revoke(changes, lookups.claim(id), reason));
  }

  @Override
  public Optional<LicenseClaim> find(ClaimId id) {
    // Authorized before reading, for the actor's own claims; a user asking for someone else's
    // claim gets the same empty answer as for an unknown id, so ids reveal nothing; so does an
    // organization-scoped actor asking for a claim outside its reach.
    Optional<UserId> self = context.actor().userId();
    return context.query(Operation.READ_CLAIMS, self.map(Target::user).orElse(Target.limitedByReach()), () -> {
      org.licensekit.core.policy.OrganizationReach reach = context.reach();
      return context.store().claims().find(context.tenant(), id)
          .filter(claim -> self.map(claim.user()::equals).orElse(true))
          .filter(claim -> context.reaches(reach, claim.user()));
    });
  }

  @Override
  public List<LicenseClaim> ofUser(UserId user) {
    return context.query(Operation.READ_CLAIMS, Optional.of(user), () -> context.store().claims().listForUser(context.tenant(), user));
  }
}
