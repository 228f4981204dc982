package org.licensekit.core.internal.lifecycle;

import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import org.licensekit.core.api.BulkAction;
import org.licensekit.core.api.BulkMode;
import org.licensekit.core.api.BulkRequest;
import org.licensekit.core.api.BulkResult;
import org.licensekit.core.api.ExpirationAlerts;
import org.licensekit.core.api.FollowUp;
import org.licensekit.core.api.JobRun;
import org.licensekit.core.api.Lifecycle;
import org.licensekit.core.api.UserFilter;
import org.licensekit.core.api.UserOutcome;
import org.licensekit.core.domain.AccountStatus;
import org.licensekit.core.domain.LicenseClaim;
import org.licensekit.core.domain.PoolId;
import org.licensekit.core.domain.ProductId;
import org.licensekit.core.domain.UserId;
import org.licensekit.core.internal.Context;
import org.licensekit.core.internal.Target;
import org.licensekit.core.internal.Lookups;
import org.licensekit.core.internal.bulk.AccountActions;
import org.licensekit.core.internal.bulk.BulkService;
import org.licensekit.core.internal.bulk.RunScope;
import org.licensekit.core.internal.bulk.SeatTally;
import org.licensekit.core.policy.Operation;

public final class LifecycleService implements Lifecycle {

  private final Context context;

  public LifecycleService(Context context) {
    this.context = context;
  }

  @Override
  public JobRun followUp(FollowUp followUp) {
    return context.job(Operation.RUN_LIFECYCLE, Optional.empty(), () -> { }, () -> new LifecycleSweeps(context).followUp(java.util.Objects.requireNonNull(followUp, "followUp")));
  }

  @Override
  public JobRun expireDue() {
    return context.job(Operation.RUN_LIFECYCLE, Optional.empty(), () -> { }, () -> new LifecycleSweeps(context).expireDue());
  }

  @Override
  public JobRun alertExpirations(ExpirationAlerts alerts) {
    return context.job(Operation.RUN_LIFECYCLE, Optional.empty(), () -> { }, () -> new LifecycleSweeps(context).alertExpirations(java.util.Objects.requireNonNull(alerts, "alerts")));
  }

  @Override
  public JobRun sendMonthlyReview(org.licensekit.core.api.MonthlyReview review) {
    return context.job(Operation.RUN_LIFECYCLE, Optional.empty(), () -> { },
        () -> new MonthlyReviews(context).send(java.util.Objects.requireNonNull(review, "review")));
  }

  @Override
  public JobRun serveWaitlists() {
    return context.job(Operation.RUN_LIFECYCLE, Optional.empty(), () -> { }, () -> new WaitlistSweep(context).run());
  }

  @Override
  public JobRun rollOver(PoolId from, PoolId to, String reason) {
    return context.job(Operation.MANAGE_POOLS, Target.pools(java.util.Arrays.asList(from, to)), () -> Context.requireReason(reason),
        () -> new SeatMoves(context).rollOver(from, to, reason));
  }

  @Override
  public UserOutcome offboard(UserId user, String reason) {
    return context.command(Operation.CHANGE_USER_STATUS, Optional.of(user), () -> Context.requireReason(reason), changes -> {
      RunScope scope = new RunScope(context.store(), context.tenant());
      return new AccountActions(scope).offboard(changes, new Lookups(context.store(), context.tenant()).user(user),
          reason, new SeatTally());
    });
  }

  @Override
  public BulkResult archiveEndedTemporaryStaff(String reason) {
    return context.job(Operation.RUN_LIFECYCLE, Optional.empty(), () -> Context.requireReason(reason), () -> archive(reason));
  }

  private BulkResult archive(String reason) {
    LocalDate today = LocalDate.ofInstant(context.ports().clock().instant(), ZoneOffset.UTC);
    return new BulkService(context).run(BulkRequest.where(UserFilter.builder()
            .endsBefore(today)
            .status(AccountStatus.INVITED, AccountStatus.ACTIVE, AccountStatus.SUSPENDED)
            .build())
        .action(BulkAction.changeStatus(BulkAction.StatusChange.ARCHIVE))
        .mode(BulkMode.BEST_EFFORT)
        .reason(reason)
        .build());
  }

  @Override
  public LicenseClaim transferSeat(UserId from, UserId to, ProductId product, Expiry expiry, String reason) {
    return context.job(Operation.ASSIGN, Target.users(java.util.Arrays.asList(from, to)), () -> Context.requireReason(reason), () -> new SeatMoves(context).transfer(from, to, product, java.util.Objects.requireNonNull(expiry, "expiry"), reason));
  }

  @Override
  public List<UserOutcome> reassign(ProductId product, List<UserId> waiting, String reason) {
    return context.job(Operation.ASSIGN, Target.users(waiting == null ? List.of() : waiting), () -> Context.requireReason(reason),
        () -> new SeatMoves(context).reassign(product, List.copyOf(waiting), reason));
  }
}
