package org.licensekit.core.internal.lifecycle;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import org.licensekit.core.ConflictException;
import org.licensekit.core.ErrorCode;
import org.licensekit.core.api.AlertContact;
import org.licensekit.core.api.ExpirationAlerts;
import org.licensekit.core.api.FollowUp;
import org.licensekit.core.api.JobRun;
import org.licensekit.core.domain.AccountStatus;
import org.licensekit.core.domain.ChangeType;
import org.licensekit.core.domain.ClaimId;
import org.licensekit.core.domain.LicenseClaim;
import org.licensekit.core.domain.LicensePool;
import org.licensekit.core.domain.PoolUsage;
import org.licensekit.core.domain.UserAccount;
import org.licensekit.core.internal.Context;
import org.licensekit.core.internal.UnitOfWork;
import org.licensekit.core.internal.claims.ClaimWriter;
import org.licensekit.core.spi.Notification;

/**
 * The jobs a host schedules: follow-up reminders and deadlines, expirations, expiration alerts. Each
 * pages through the store's set-based queries, one transaction per page, and is safe to run on
 * several instances at once: claim changes are compare-and-set (a lost race is skipped) and every
 * once-only message is recorded in the notification log before it goes out.
 */
public final class LifecycleSweeps {

  /** Claims per page (and per transaction). */
  static final int PAGE = 500;

  private final Context context;
  private final ClaimWriter claims;

  public LifecycleSweeps(Context context) {
    this.context = context;
    this.claims = new ClaimWriter(context.store(), context.tenant());
  }

  JobRun followUp(FollowUp followUp) {
    Optional<Duration> earliest = Stream.concat(followUp.steps().stream(), followUp.deadline().stream()).min(Duration::compareTo);
    if (earliest.isEmpty()) {
      return new JobRun(0, 0, 0, 0);
    }
    Instant now = context.ports().clock().instant();
    return pages(after -> context.store().claimQueries()
            .findPendingAssignedBefore(context.tenant(), now.minus(earliest.get()), after, PAGE),
        (changes, claim, run) -> followUp(changes, claim, followUp, now, run));
  }

  private void followUp(UnitOfWork changes, LicenseClaim claim, FollowUp followUp, Instant now, Counter run) {
    Duration age = Duration.between(claim.assignedAt(), now);
    if (followUp.deadline().filter(deadline -> age.compareTo(deadline) >= 0).isPresent()) {
      if (tryChange(() -> claims.revoke(changes, claim, "reclaimed: still pending " + followUp.deadline().get().toDays()
          + " days after assignment"), run)) {
        run.changed++;
      }
      return;
    }
    Optional<Duration> step = followUp.steps().stream().filter(s -> age.compareTo(s) >= 0).max(Duration::compareTo);
    Optional<UserAccount> user = context.store().directory().findUser(context.tenant(), claim.user())
        .filter(u -> u.status() == AccountStatus.INVITED || u.status() == AccountStatus.ACTIVE);
    if (step.isEmpty() || user.isEmpty()) {
      return;
    }
    String key = "claim-reminder|" + claim.id() + "|" + step.get();
    if (context.store().notificationLog().recordIfAbsent(context.tenant(), key, now)) {
      Map<String, String> facts = Map.of("product", claim.product().value(), "claim", claim.id().value(),
          "step", step.get().toString(), "assignedAt", claim.assignedAt().toString());
      changes.sendAfterCommit(Notification.builder().tenant(context.tenant()).kind(Notification.Kind.CLAIM_REMINDER)
          .user(user.get().id()).email(user.get().email()).name(user.get().name()).attributes(facts).build());
      changes.record(ChangeType.CLAIM_REMINDED, "claim", claim.id()).user(claim.user()).product(claim.product())
          .attributes(facts).done();
      run.notified++;
    }
  }

  JobRun expireDue() {
    Instant now = context.ports().clock().instant();
    return pages(after -> context.store().claimQueries().findDueForExpiry(context.tenant(), now, after, PAGE),
        (changes, claim, run) -> {
          String reason = claim.expiredAt(now)
              ? "validity ended at " + claim.expiresAt().get()
              : "term of pool " + claim.pool() + " ended";
          if (tryChange(() -> claims.expire(changes, claim, reason), run)) {
            run.changed++;
          }
        });
  }

  JobRun alertExpirations(ExpirationAlerts alerts) {
    Instant now = context.ports().clock().instant();
    return context.run(changes -> {
      Counter run = new Counter();
      for (PoolUsage usage : context.store().pools().list(context.tenant())) {
        run.examined++;
        LicensePool pool = usage.pool();
        if (pool.term().endedAt(now)) {
          continue;
        }
        Duration remaining = Duration.between(now, pool.term().end());
        Optional<Duration> window = alerts.windows().stream().filter(w -> remaining.compareTo(w) <= 0).min(Duration::compareTo);
        if (window.isPresent() && context.store().notificationLog().recordIfAbsent(context.tenant(),
            "expiration-alert|" + pool.id() + "|" + window.get() + "|" + pool.term().end(), now)) {
          alert(changes, usage, window.get(), alerts.contacts());
          run.changed++;
          run.notified += alerts.contacts().size();
        }
      }
      return run.toJobRun();
    });
  }

  private void alert(UnitOfWork changes, PoolUsage usage, Duration window, List<AlertContact> contacts) {
    LicensePool pool = usage.pool();
    Map<String, String> facts = Map.of("pool", pool.id().value(), "product", pool.product().value(),
        "termEnd", pool.term().end().toString(), "window", window.toString(),
        "seatsInUse", Integer.toString(usage.seatsInUse()), "seats", Integer.toString(pool.seats()));
    for (AlertContact contact : contacts) {
      changes.sendAfterCommit(Notification.builder().tenant(context.tenant()).kind(Notification.Kind.EXPIRATION_ALERT)
          .user(contact.user()).email(contact.email()).name(contact.name()).attributes(facts).build());
    }
    changes.record(ChangeType.EXPIRATION_ALERTED, "pool", pool.id()).product(pool.product()).attributes(facts).done();
  }

  /** Runs a claim change; a claim another instance changed first is counted as skipped. */
  private static boolean tryChange(Runnable change, Counter run) {
    try {
      change.run();
      return true;
    } catch (ConflictException e) {
      if (!ErrorCode.CLAIM_CHANGED_CONCURRENTLY.name().equals(e.code())) {
        throw e;
      }
      run.skipped++;
      return false;
    }
  }

  /** Pages through claims by id, one transaction per page (query included), summing what each did. */
  private JobRun pages(java.util.function.Function<Optional<ClaimId>, List<LicenseClaim>> query, ClaimWork work) {
    Counter total = new Counter();
    Optional<ClaimId> after = Optional.empty();
    while (true) {
      Optional<ClaimId> from = after;
      Page page = context.run(changes -> {
        Counter run = new Counter(); // a retried transaction counts afresh
        List<LicenseClaim> claimsOfPage = query.apply(from);
        for (LicenseClaim claim : claimsOfPage) {
          run.examined++;
          work.apply(changes, claim, run);
        }
        return new Page(run, claimsOfPage.isEmpty() ? from : Optional.of(claimsOfPage.get(claimsOfPage.size() - 1).id()),
            claimsOfPage.size());
      });
      total.add(page.run());
      if (page.size() < PAGE) {
        return total.toJobRun();
      }
      after = page.last();
    }
  }

  private record Page(Counter run, Optional<ClaimId> last, int size) {}

  @FunctionalInterface
  private interface ClaimWork {
    void apply(UnitOfWork changes, LicenseClaim claim, Counter run);
  }

  private static final class Counter {
    long examined;
    long changed;
    long notified;
    long skipped;

    void add(Counter other) {
      examined += other.examined;
      changed += other.changed;
      notified += other.notified;
      skipped += other.skipped;
    }

    JobRun toJobRun() {
      return new JobRun(examined, changed, notified, skipped);
    }
  }
}
