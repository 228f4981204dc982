package org.licensekit.core.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.UUID;
import java.util.stream.Collectors;
import java.util.function.Function;
import java.util.function.Predicate;
import java.util.function.Supplier;
import org.licensekit.core.LicensingException;
import org.licensekit.core.NotAuthorizedException;
import org.licensekit.core.NotFoundException;
import org.licensekit.core.domain.AuditEntry;
import org.licensekit.core.domain.ChangeType;
import org.licensekit.core.domain.ClaimId;
import org.licensekit.core.domain.LicenseClaim;
import org.licensekit.core.domain.LicensePool;
import org.licensekit.core.domain.Membership;
import org.licensekit.core.domain.OrganizationId;
import org.licensekit.core.domain.PoolId;
import org.licensekit.core.domain.PoolUsage;
import org.licensekit.core.domain.Actor;
import org.licensekit.core.domain.OutboxMessage;
import org.licensekit.core.domain.TenantId;
import org.licensekit.core.domain.UserId;
import org.licensekit.core.policy.Authorization;
import org.licensekit.core.policy.Operation;
import org.licensekit.core.policy.OrganizationReach;
import org.licensekit.core.policy.OrganizationTree;
import org.licensekit.core.policy.Refusal;
import org.licensekit.core.spi.LicenseStore;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
/**
 * One tenant as one actor: authorizes each call, runs commands in a transaction with their audit
 * entries and their outbox messages (the notifications and events they owe the host), and delivers
 * those messages after commit.
 */
public final class Context {

  private static final Logger LOG = LoggerFactory.getLogger(Context.class);

  private final Ports ports;
  private final TenantId tenant;
  private final Actor actor;
  private final OutboxDelivery outbox;

  public Context(Ports ports, TenantId tenant, Actor actor) {
    this.ports = ports;
    this.tenant = tenant;
    this.actor = actor;
    this.outbox = new OutboxDelivery(ports);
  }

  public TenantId tenant() {
    return tenant;
  }

  public Actor actor() {
    return actor;
  }

  public LicenseStore store() {
    return ports.store();
  }

  public Ports ports() {
    return ports;
  }

  /** Refuses the call unless the actor may perform it (a read needing no other step). */
  public void authorize(Operation operation, Optional<UserId> subject) {
    authorize(operation, subject.map(Target::user).orElse(Target.none()));
  }

  /**
   * Refuses the call unless the actor may perform it on {@code target}: the one place every call's
   * authorization happens. First the actor's kind ({@link Authorization}); then, for an
   * organization-scoped actor, every record the target names must lie in its reach
   * ({@link OrganizationReach}) — one outside is refused exactly as an unknown id is
   * ({@link NotFoundException}), one it may see but not change (a pool scoped above its
   * organizations) with {@link NotAuthorizedException}. A call that names nothing and does not limit
   * itself to the reach is refused to such an actor. Every refusal is audited
   * ({@link ChangeType#ACCESS_REFUSED}) before it is thrown.
   *
   * @throws NotAuthorizedException when the actor may not perform the call
   * @throws NotFoundException when the call names a record outside the actor's reach
   */
  public void authorize(Operation operation, Target target) {
    Optional<Refusal> refusal = Authorization.check(actor, operation, target.subject());
    if (refusal.isPresent()) {
      throw refused(operation, target, new NotAuthorizedException(refusal.get().message()));
    }
    if (!actor.kind().organizationScoped() || operation.reach() != Operation.Reach.ORGANIZATION) {
      return;
    }
    try {
      checkReach(operation, target);
    } catch (NotFoundException | NotAuthorizedException outside) {
      throw refused(operation, target, outside);
    }
  }

  /**
   * Whether {@link #authorize} passes for this actor and {@code operation} whatever user the call
   * names: the actor's kind allows it without naming one, and no organization reach limits it. A
   * hot path (the access check) settles this once instead of authorizing every call.
   */
  public boolean authorizedForEveryUser(Operation operation) {
    return Authorization.check(actor, operation, Optional.empty()).isEmpty()
        && (!actor.kind().organizationScoped() || operation.reach() != Operation.Reach.ORGANIZATION);
  }

  /** What this actor can reach now (every record, unless it is organization-scoped). */
  public OrganizationReach reach() {
    if (!actor.kind().organizationScoped()) {
      return OrganizationReach.everything();
    }
    return OrganizationReach.of(actor, OrganizationTree.of(ports.store().directory().listOrganizations(tenant)));
  }

  /** Whether {@code reach} covers {@code user}: the user exists and is a member inside it. */
  public boolean reaches(OrganizationReach reach, UserId user) {
    return reach.unrestricted() || reach.coversMember(ports.store().directory().membershipsOf(tenant, user).stream()
        .map(Membership::organization).collect(Collectors.toSet()));
  }

  private void checkReach(Operation operation, Target target) {
    if (!target.bounded()) {
      throw new NotAuthorizedException(actor + " may not " + operation.name().toLowerCase(Locale.ROOT).replace('_', ' ')
          + " across the whole tenant, beyond the actor's organizations");
    }
    OrganizationReach reach = reach();
    for (UserId user : target.users()) {
      if (!reaches(reach, user)) {
        throw new NotFoundException("userId", user);
      }
    }
    for (ClaimId id : target.claims()) {
      LicenseClaim claim = ports.store().claims().find(tenant, id).orElseThrow(() -> new NotFoundException("claimId", id));
      if (!reaches(reach, claim.user())) {
        throw new NotFoundException("claimId", id);
      }
    }
    for (PoolId id : target.pools()) {
      LicensePool pool = ports.store().pools().find(tenant, id).map(PoolUsage::pool)
          .filter(reach::mayRead).orElseThrow(() -> new NotFoundException("poolId", id));
      if (!reach.mayChange(pool)) {
        throw new NotAuthorizedException(actor + " may read pool " + id + " but not change it: it is scoped above the actor's organizations");
      }
    }
    if (target.needsOrganization() && target.organizations().isEmpty()) {
      throw new NotAuthorizedException(actor + " must name an organization inside its own: it may not act for the whole tenant");
    }
    for (OrganizationId organization : target.organizations()) {
      if (!reach.sees(organization)) {
        throw new NotFoundException("organizationId", organization);
      }
      if (!reach.covers(organization)) {
        throw new NotAuthorizedException(actor + " may not act in organization " + organization + ", above its own");
      }
    }
  }

  /** Audits a refusal in a transaction of its own (the refused call writes nothing), and returns it to throw. */
  private LicensingException refused(Operation operation, Target target, LicensingException refusal) {
    AuditEntry entry = AuditEntry.builder()
        .id(UUID.randomUUID().toString())
        .at(ports.clock().instant())
        .actor(new Actor(actor.kind(), actor.id()))
        .action(ChangeType.ACCESS_REFUSED)
        .subjectType("operation")
        .subjectId(operation.name())
        .user(target.subject())
        .reason(refusal.getMessage())
        .build();
    try {
      ports.store().transactions().inTransaction(() -> {
        ports.store().audit().append(tenant, List.of(entry));
        return null;
      });
    } catch (RuntimeException auditFailed) {
      LOG.warn("could not audit a refused {} by {}", operation, actor, auditFailed);
    }
    return refusal;
  }

  /** Validates the input with Jakarta Validation; refuses it whole when any field is bad. */
  public void validate(Object input) {
    ports.validator().validate(input);
  }

  /** Refuses a missing or blank reason: every change that takes one records why. */
  public static void requireReason(String reason) {
    org.licensekit.core.policy.InputRules.requireReason(reason);
  }

  /** Reads after authorizing. */
  public <T> T query(Operation operation, Optional<UserId> subject, Supplier<T> read) {
    return query(operation, subject, () -> { }, read);
  }

  /** Reads after authorizing and checking the input with {@code check}. */
  public <T> T query(Operation operation, Optional<UserId> subject, Runnable check, Supplier<T> read) {
    return query(operation, subject.map(Target::user).orElse(Target.none()), check, read);
  }

  /** Reads {@code target} after authorizing. */
  public <T> T query(Operation operation, Target target, Supplier<T> read) {
    return query(operation, target, () -> { }, read);
  }

  /** Reads {@code target} after authorizing and checking the input with {@code check}. */
  public <T> T query(Operation operation, Target target, Runnable check, Supplier<T> read) {
    authorize(operation, target);
    check.run();
    return read.get();
  }

  /**
   * Runs work of several transactions — a bulk run, a scheduled job, a seat move — authorized and
   * checked once; the work runs each of its transactions through {@link #run} or {@link #transact}.
   */
  public <T> T job(Operation operation, Optional<UserId> subject, Runnable check, Supplier<T> work) {
    return job(operation, subject.map(Target::user).orElse(Target.none()), check, work);
  }

  /** Runs work of several transactions on {@code target}, authorized and checked once. */
  public <T> T job(Operation operation, Target target, Runnable check, Supplier<T> work) {
    authorize(operation, target);
    check.run();
    return work.get();
  }

  /** Runs a command: authorized, in one transaction with its audit entries, then dispatched. */
  public <T> T command(Operation operation, Optional<UserId> subject, Function<UnitOfWork, T> work) {
    return command(operation, subject, () -> { }, work);
  }

  /**
   * Runs a command the one way every command runs: authorized, its input checked by {@code check}
   * (bad input is refused before anything is written), in one transaction with its audit entries,
   * then its events and notifications dispatched after commit.
   */
  public <T> T command(Operation operation, Optional<UserId> subject, Runnable check, Function<UnitOfWork, T> work) {
    return command(operation, subject.map(Target::user).orElse(Target.none()), check, work);
  }

  /** Runs a command on {@code target}: authorized, in one transaction with its audit entries, then dispatched. */
  public <T> T command(Operation operation, Target target, Function<UnitOfWork, T> work) {
    return command(operation, target, () -> { }, work);
  }

  /** Runs a command on {@code target} the one way every command runs (see the overload by subject). */
  public <T> T command(Operation operation, Target target, Runnable check, Function<UnitOfWork, T> work) {
    authorize(operation, target);
    check.run();
    return run(work);
  }

  /** Runs already-authorized work in one transaction; events and notifications go out after commit. */
  public <T> T run(Function<UnitOfWork, T> work) {
    return transact(work, value -> true).value();
  }

  /**
   * Runs a command the one way every command runs, as {@link #command(Operation, Optional, Runnable,
   * Function)}, but in a transaction it may share with other callers' commands of the same
   * {@code lane} running at the same moment ({@link CommandCombiner}): authorized and checked here,
   * on the caller's thread, before it queues. A batch is combined only while {@code combinable}
   * says the lane's commands lock no account but their own.
   */
  public <T> T combinedCommand(Operation operation, UserId user, Runnable check, Object lane, java.util.function.BooleanSupplier combinable,
      Function<UnitOfWork, T> work) {
    return combinedCommand(operation, user, check, lane, combinable, Optional.empty(), work);
  }

  /**
   * {@link #combinedCommand(Operation, UserId, Runnable, Object, java.util.function.BooleanSupplier, Function)}
   * with a set-based plan that may run the command together with others of its batch
   * ({@link CommandCombiner.SetBased}); {@code work} is how it runs otherwise.
   */
  public <T> T combinedCommand(Operation operation, UserId user, Runnable check, Object lane, java.util.function.BooleanSupplier combinable,
      Optional<CommandCombiner.SetBasedCommand> setBased, Function<UnitOfWork, T> work) {
    authorize(operation, Target.user(user));
    check.run();
    return ports.combiner().run(this, lane, Optional.of(user), combinable, setBased, work);
  }

  /**
   * Runs already-authorized work in one transaction of its own, like {@link #run}, and returns its
   * value with the outbox messages it committed, without delivering them: the caller's thread
   * {@linkplain #deliver delivers} them.
   */
  <T> Undelivered<T> runUndelivered(Function<UnitOfWork, T> work) {
    List<List<OutboxMessage>> written = new ArrayList<>(1);
    AccountsFirst first = new AccountsFirst();
    T value = ports.store().transactions().inTransaction(() -> {
      UnitOfWork changes = new UnitOfWork(tenant, actor, ports.clock().instant(), entries -> ports.store().audit().append(tenant, entries),
          first);
      first.holdIn(ports.store(), changes);
      written.clear();
      T result = work.apply(changes);
      changes.flush();
      List<OutboxMessage> messages = outboxMessages(changes);
      if (!messages.isEmpty()) {
        ports.store().outbox().append(messages);
      }
      written.add(messages);
      return result;
    });
    return new Undelivered<>(value, written.isEmpty() ? List.of() : written.get(0));
  }

  /** What a transaction committed: the work's value and the messages still to deliver. */
  record Undelivered<T>(T value, List<OutboxMessage> messages) {}

  /** The outbox messages a unit of work owes the host (its notifications and events), not yet written. */
  List<OutboxMessage> outboxMessages(UnitOfWork changes) {
    return outbox.messagesFor(tenant, changes.now(), changes.notifications(), changes.events(), changes.inBatches());
  }

  /** Delivers committed messages once the store says the calling thread's work committed for good. */
  void deliver(List<OutboxMessage> committed) {
    if (!committed.isEmpty()) {
      ports.store().transactions().afterCommit(() -> outbox.deliverCommitted(tenant, committed));
    }
  }

  /**
   * Runs already-authorized work in one transaction that commits only when {@code commit} accepts
   * the work's value, and is rolled back whole otherwise (a dry run, a refused all-or-nothing run).
   * Audit entries are written in the transaction — those the work {@linkplain UnitOfWork#flush()
   * flushed} early, then the rest; events and notifications go out only after a commit.
   */
  public <T> Transacted<T> transact(Function<UnitOfWork, T> work, Predicate<T> commit) {
    List<List<OutboxMessage>> written = new ArrayList<>(1);
    Object[] value = new Object[1];
    AccountsFirst first = new AccountsFirst();
    try {
      ports.store().transactions().inTransaction(() -> {
        UnitOfWork changes = new UnitOfWork(tenant, actor, ports.clock().instant(),
            entries -> ports.store().audit().append(tenant, entries), first);
        first.holdIn(ports.store(), changes);
        written.clear();
        T result = work.apply(changes);
        value[0] = result;
        if (!commit.test(result)) {
          throw new RollBack();
        }
        changes.flush();
        // the messages commit with the change they tell of, or neither does
        List<OutboxMessage> messages = outboxMessages(changes);
        if (!messages.isEmpty()) {
          ports.store().outbox().append(messages);
        }
        written.add(messages);
        return null;
      });
    } catch (RollBack rolledBack) {
      @SuppressWarnings("unchecked")
      T result = (T) value[0];
      return new Transacted<>(result, false);
    }
    List<OutboxMessage> committed = written.isEmpty() ? List.of() : written.get(0);
    if (!committed.isEmpty()) {
      ports.store().transactions().afterCommit(() -> outbox.deliverCommitted(tenant, committed));
    }
    @SuppressWarnings("unchecked")
    T result = (T) value[0];
    return new Transacted<>(result, true);
  }

  /**
   * What a transaction gave.
   *
   * @param value the work's value (of its last attempt, when the store retried it)
   * @param committed whether it committed; when not, nothing of it was written or dispatched
   */
  public record Transacted<T>(T value, boolean committed) {}

  /** Unwinds a transaction the work's value says must not commit, so the store rolls everything back. */
  private static final class RollBack extends RuntimeException {
    private static final long serialVersionUID = 1L;

    RollBack() {
      super("rolled back", null, false, false);
    }
  }

}
