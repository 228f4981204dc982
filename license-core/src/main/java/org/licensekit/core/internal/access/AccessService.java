package org.licensekit.core.internal.access;

import com.google.common.collect.ImmutableList;
import java.util.List;
import java.util.Optional;
import org.licensekit.core.api.Access;
import org.licensekit.core.api.AccessDecision;
import org.licensekit.core.api.DenialReason;
import org.licensekit.core.api.Troubleshooting;
import org.licensekit.core.domain.Product;
import org.licensekit.core.domain.ProductId;
import org.licensekit.core.domain.UserId;
import org.licensekit.core.internal.Context;
import org.licensekit.core.internal.claims.AccessFactsLoader;
import org.licensekit.core.internal.claims.ClaimService;
import org.licensekit.core.internal.directory.UserProfiles;
import org.licensekit.core.policy.AccessPolicy;
import org.licensekit.core.policy.Operation;

public final class AccessService implements Access {

  private final Context context;
  private final AccessFactsLoader facts;
  private final ClaimService claims;

  public AccessService(Context context) {
    this.context = context;
    this.facts = new AccessFactsLoader(context.store(), context.tenant());
    this.claims = new ClaimService(context);
  }

  @Override
  public AccessDecision check(UserId user, ProductId product) {
    return context.job(Operation.CHECK_ACCESS, Optional.of(user), () -> { }, () -> {
      AccessDecision decision = decide(user, product);
      if (onlyPending(decision) && context.store().settings().get(context.tenant()).claimOnFirstAccess()) {
        context.run(changes -> claims.claim(changes, user, product));
        return decide(user, product);
      }
      return decision;
    });
  }

  private static boolean onlyPending(AccessDecision decision) {
    return decision.reasons().size() == 1 && decision.deniedBecause(DenialReason.CLAIM_PENDING);
  }

  private AccessDecision decide(UserId user, ProductId product) {
    return AccessPolicy.decide(facts.load(user, product, context.ports().clock().instant()));
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
        user, new UserProfiles(context.store(), context.tenant()).find(user), decisions(user)));
  }
}
