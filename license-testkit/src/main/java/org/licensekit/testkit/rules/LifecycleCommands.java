package org.licensekit.testkit.rules;

import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.SplittableRandom;
import org.licensekit.core.api.BulkAction;
import org.licensekit.core.api.BulkRequest;
import org.licensekit.core.api.FollowUp;
import org.licensekit.core.api.Lifecycle;
import org.licensekit.core.api.UserFilter;
import org.licensekit.core.domain.Actor;
import org.licensekit.core.domain.PoolId;
import org.licensekit.core.domain.ProductId;
import org.licensekit.core.domain.UserId;

/**
 * The random commands of the lifecycle and bulk API for {@link CommandGenerator}: the expiry sweep
 * (the only way claims reach {@code EXPIRED}), follow-up with a reclaim deadline, offboarding, seat
 * transfers, roll-overs between pools, reassignment from a waiting list, and bulk revocations.
 */
final class LifecycleCommands {

  private static final String REASON = "property run";
  private static final Actor SWEEPER = Actor.system("nightly-sweep");

  private final SplittableRandom random;

  LifecycleCommands(SplittableRandom random) {
    this.random = random;
  }

  Command expireDue() {
    return new Command("expireDue() as the system", t -> t.as(SWEEPER).lifecycle().expireDue());
  }

  Command followUp() {
    FollowUp followUp = new FollowUp(List.of(Duration.ofDays(3)), Optional.of(Duration.ofDays(20 + random.nextInt(60))));
    return new Command("followUp(" + followUp + ") as the system", t -> t.as(SWEEPER).lifecycle().followUp(followUp));
  }

  Command offboard() {
    UserId user = pick(PropertyWorld.USERS);
    return new Command("offboard(" + user + ")", t -> t.as(PropertyWorld.ADMIN).lifecycle().offboard(user, REASON),
        Optional.of(CommittedChange.of(CommittedChange.Kind.OFFBOARD, user.value())));
  }

  Command transferSeat() {
    UserId from = pick(PropertyWorld.USERS);
    UserId to = pick(PropertyWorld.USERS);
    ProductId product = pick(PropertyWorld.PRODUCTS);
    Lifecycle.Expiry expiry = random.nextBoolean() ? Lifecycle.Expiry.KEEP : Lifecycle.Expiry.RESET;
    return admin("transferSeat(" + from + ", " + to + ", " + product + ", " + expiry + ")",
        t -> t.as(PropertyWorld.ADMIN).lifecycle().transferSeat(from, to, product, expiry, REASON));
  }

  Command rollOver() {
    boolean wideToNorth = random.nextBoolean();
    PoolId from = wideToNorth ? PropertyWorld.OBSERVATION_WIDE : PropertyWorld.OBSERVATION_NORTH;
    PoolId to = wideToNorth ? PropertyWorld.OBSERVATION_NORTH : PropertyWorld.OBSERVATION_WIDE;
    return admin("rollOver(" + from + ", " + to + ")", t -> t.as(PropertyWorld.ADMIN).lifecycle().rollOver(from, to, REASON));
  }

  Command reassign() {
    ProductId product = pick(PropertyWorld.PRODUCTS);
    List<UserId> waiting = List.of(pick(PropertyWorld.USERS), pick(PropertyWorld.USERS));
    return admin("reassign(" + product + ", " + waiting + ")",
        t -> t.as(PropertyWorld.ADMIN).lifecycle().reassign(product, List.copyOf(new java.util.LinkedHashSet<>(waiting)), REASON));
  }

  Command bulkRevoke() {
    ProductId product = pick(PropertyWorld.PRODUCTS);
    BulkRequest request = BulkRequest.where(UserFilter.all()).action(BulkAction.revokeProduct(product)).reason(REASON).build();
    return admin("bulk revokeProduct(" + product + ")", t -> t.as(PropertyWorld.ADMIN).bulk().run(request));
  }

  private static Command admin(String description, Command.Action action) {
    return new Command(description, action);
  }

  private <T> T pick(List<T> values) {
    return values.get(random.nextInt(values.size()));
  }
}
