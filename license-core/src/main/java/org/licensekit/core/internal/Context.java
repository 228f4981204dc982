package org.licensekit.core.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.Predicate;
import java.util.function.Supplier;
import org.licensekit.core.NotAuthorizedException;
import org.licensekit.core.domain.Actor;
import org.licensekit.core.domain.OutboxMessage;
import org.licensekit.core.domain.TenantId;
import org.licensekit.core.domain.UserId;
import org.licensekit.core.policy.Authorization;
import org.licensekit.core.policy.Operation;
import org.licensekit.core.spi.LicenseStore;

/**
 * One tenant as one actor: authorizes each call, runs commands in a transaction with their audit
 * entries and their outbox messages (the notifications and events they owe the host), and delivers
 * those messages after commit.
 */
public final class Context {

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
    Authorization.check(actor, operation, subject).ifPresent(refusal -> {
      throw new NotAuthorizedException(refusal.message());
    });
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
    authorize(operation, subject);
    check.run();
    return read.get();
  }

  /**
   * Runs work of several transactions — a bulk run, a scheduled job, a seat move — authorized and
   * checked once; the work runs each of its transactions through {@link #run} or {@link #transact}.
   */
  public <T> T job(Operation operation, Optional<UserId> subject, Runnable check, Supplier<T> work) {
    authorize(operation, subject);
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
    authorize(operation, subject);
    check.run();
    return run(work);
  }

  /** Runs already-authorized work in one transaction; events and notifications go out after commit. */
  public <T> T run(Function<UnitOfWork, T> work) {
    return transact(work, value -> true).value();
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
    try {
      ports.store().transactions().inTransaction(() -> {
        UnitOfWork changes = new UnitOfWork(tenant, actor, ports.clock().instant(),
            entries -> ports.store().audit().append(tenant, entries));
        written.clear();
        T result = work.apply(changes);
        value[0] = result;
        if (!commit.test(result)) {
          throw new RollBack();
        }
        changes.flush();
        // the messages commit with the change they tell of, or neither does
        List<OutboxMessage> messages = outbox.messagesFor(tenant, changes.now(), changes.notifications(), changes.events());
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
