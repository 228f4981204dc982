package org.licensekit.core.internal;

import java.util.Optional;
import java.util.function.Function;
import java.util.function.Supplier;
import org.licensekit.core.NotAuthorizedException;
import org.licensekit.core.domain.Actor;
import org.licensekit.core.domain.TenantId;
import org.licensekit.core.domain.UserId;
import org.licensekit.core.policy.Authorization;
import org.licensekit.core.policy.Operation;
import org.licensekit.core.spi.LicenseStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One tenant as one actor: authorizes each call, runs commands in a transaction with their audit
 * entries, and dispatches events and notifications after commit.
 */
final class Context {

  private static final Logger LOG = LoggerFactory.getLogger(Context.class);

  private final Runtime runtime;
  private final TenantId tenant;
  private final Actor actor;

  Context(Runtime runtime, TenantId tenant, Actor actor) {
    this.runtime = runtime;
    this.tenant = tenant;
    this.actor = actor;
  }

  TenantId tenant() {
    return tenant;
  }

  Actor actor() {
    return actor;
  }

  LicenseStore store() {
    return runtime.store();
  }

  Runtime runtime() {
    return runtime;
  }

  /** Refuses the call unless the actor may perform it. */
  void authorize(Operation operation, Optional<UserId> subject) {
    Authorization.check(actor, operation, subject).ifPresent(refusal -> {
      throw new NotAuthorizedException(refusal.message());
    });
  }

  /** Validates the input with Jakarta Validation; refuses it whole when any field is bad. */
  void validate(Object input) {
    runtime.validator().validate(input);
  }

  /** Refuses a missing or blank reason: every change that takes one records why. */
  static void requireReason(String reason) {
    org.licensekit.core.policy.InputRules.requireReason(reason);
  }

  /** Reads after authorizing. */
  <T> T query(Operation operation, Optional<UserId> subject, Supplier<T> read) {
    authorize(operation, subject);
    return read.get();
  }

  /** Runs a command: authorized, in one transaction with its audit entries, then dispatched. */
  <T> T command(Operation operation, Optional<UserId> subject, Function<Changes, T> work) {
    authorize(operation, subject);
    return run(work);
  }

  /** Runs already-authorized work in one transaction; events and notifications go out after commit. */
  <T> T run(Function<Changes, T> work) {
    Changes[] committed = new Changes[1];
    T result = runtime.store().transactions().inTransaction(() -> {
      Changes changes = new Changes(tenant, actor, runtime.clock().instant());
      T value = work.apply(changes);
      if (!changes.auditEntries().isEmpty()) {
        runtime.store().audit().append(tenant, changes.auditEntries());
      }
      committed[0] = changes;
      return value;
    });
    dispatch(committed[0]);
    return result;
  }

  private void dispatch(Changes changes) {
    changes.events().forEach(event -> {
      try {
        runtime.events().publish(event);
      } catch (RuntimeException e) {
        LOG.warn("event publisher failed on {} {}; the change itself is committed", event.type(), event.subjectId(), e);
      }
    });
    changes.notifications().forEach(notification -> {
      try {
        runtime.notifier().send(notification);
      } catch (RuntimeException e) {
        LOG.warn("notifier failed on {} to {}; the change itself is committed", notification.kind(), notification.user(), e);
      }
    });
  }
}
