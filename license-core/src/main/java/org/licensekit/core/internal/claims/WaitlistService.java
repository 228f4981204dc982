package org.licensekit.core.internal.claims;

import com.google.common.collect.ImmutableList;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.licensekit.core.ConflictException;
import org.licensekit.core.ErrorCode;
import org.licensekit.core.FieldError;
import org.licensekit.core.InvalidInputException;
import org.licensekit.core.api.WaitingUser;
import org.licensekit.core.api.Waitlist;
import org.licensekit.core.domain.ChangeType;
import org.licensekit.core.domain.ProductId;
import org.licensekit.core.domain.UserId;
import org.licensekit.core.domain.WaitlistEntry;
import org.licensekit.core.internal.Context;
import org.licensekit.core.internal.Target;
import org.licensekit.core.policy.OrganizationReach;
import org.licensekit.core.domain.OrganizationId;
import org.licensekit.core.internal.Lookups;
import org.licensekit.core.internal.UnitOfWork;
import org.licensekit.core.policy.InputRules;
import org.licensekit.core.policy.Operation;

/** The waitlist's reads and an administrator's changes to it, each through the kernel's one way in. */
public final class WaitlistService implements Waitlist {

  private final Context context;
  private final Lookups lookups;

  public WaitlistService(Context context) {
    this.context = context;
    this.lookups = new Lookups(context.store(), context.tenant());
  }

  @Override
  public List<WaitingUser> of(ProductId product) {
    // an organization-scoped actor sees the users of its reach, at their places in the whole queue
    return context.query(Operation.READ_WAITLIST, Target.limitedByReach(), () -> {
      lookups.product(product);
      OrganizationReach reach = context.reach();
      List<WaitingUser> all = numbered(context.store().waitlist().queue(context.tenant(), product));
      return reach.unrestricted() ? all
          : all.stream().filter(waiting -> context.reaches(reach, waiting.entry().user())).collect(ImmutableList.toImmutableList());
    });
  }

  @Override
  public List<WaitingUser> ofUser(UserId user) {
    return context.query(Operation.READ_WAITLIST, Optional.of(user), () -> {
      lookups.user(user);
      ImmutableList.Builder<WaitingUser> waiting = ImmutableList.builder();
      context.store().waitlist().positionsOf(context.tenant(), user).forEach((product, position) ->
          context.store().waitlist().queue(context.tenant(), product).stream()
              .filter(entry -> entry.user().equals(user))
              .findFirst()
              .ifPresent(entry -> waiting.add(new WaitingUser(position, entry))));
      return waiting.build();
    });
  }

  @Override
  public Map<ProductId, Integer> counts() {
    return context.query(Operation.READ_WAITLIST, Target.limitedByReach(),
        () -> context.store().waitlist().counts(context.tenant(),
            context.reach().limit(Optional.empty()).map(organizations -> (java.util.Collection<OrganizationId>) organizations)));
  }

  @Override
  public List<WaitingUser> move(ProductId product, UserId user, int position, String reason) {
    return context.command(Operation.MANAGE_WAITLIST, Optional.of(user), () -> {
      List<FieldError> errors = new ArrayList<>();
      if (position < 1) {
        errors.add(new FieldError("position", "must be 1 or more (was " + position + ")"));
      }
      InputRules.reasonProblem(reason).ifPresent(errors::add);
      if (!errors.isEmpty()) {
        throw new InvalidInputException(errors);
      }
    }, changes -> {
      List<WaitlistEntry> queue = held(product);
      WaitlistEntry moving = waiting(queue, product, user);
      if (position > queue.size()) {
        throw InvalidInputException.of("position", "must be between 1 and " + queue.size() + ", the length of the waitlist (was " + position + ")");
      }
      int from = queue.indexOf(moving) + 1;
      List<UserId> order = new ArrayList<>();
      queue.stream().map(WaitlistEntry::user).filter(u -> !u.equals(user)).forEach(order::add);
      order.add(position - 1, user);
      context.store().waitlist().reorder(context.tenant(), product, order);
      changes.record(ChangeType.WAITLIST_REORDERED, "waitlist", product + "/" + user)
          .user(user).product(product).reason(Optional.of(reason))
          .attributes(Map.of("position", Integer.toString(position), "previousPosition", Integer.toString(from)))
          .done();
      return numbered(context.store().waitlist().queue(context.tenant(), product));
    });
  }

  @Override
  public List<WaitingUser> remove(ProductId product, UserId user, String reason) {
    return context.command(Operation.MANAGE_WAITLIST, Optional.of(user), () -> Context.requireReason(reason), changes -> {
      WaitlistEntry leaving = waiting(held(product), product, user);
      new ClaimWriter(context.store(), context.tenant()).waitlist().leave(changes, leaving, "removed by " + changes.actor() + ": " + reason);
      return numbered(context.store().waitlist().queue(context.tenant(), product));
    });
  }

  /** The product's queue once its pools are held, so no user joins it while it is rewritten. */
  private List<WaitlistEntry> held(ProductId product) {
    lookups.product(product);
    context.store().waitlist().lock(context.tenant(), product);
    return context.store().waitlist().queue(context.tenant(), product);
  }

  private static WaitlistEntry waiting(List<WaitlistEntry> queue, ProductId product, UserId user) {
    return queue.stream().filter(entry -> entry.user().equals(user)).findFirst()
        .orElseThrow(() -> new ConflictException(ErrorCode.NOT_WAITING, "User " + user + " is not waiting for a seat of " + product));
  }

  static List<WaitingUser> numbered(List<WaitlistEntry> queue) {
    ImmutableList.Builder<WaitingUser> numbered = ImmutableList.builder();
    for (int i = 0; i < queue.size(); i++) {
      numbered.add(new WaitingUser(i + 1, queue.get(i)));
    }
    return numbered.build();
  }
}
