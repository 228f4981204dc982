package org.licensekit.core.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Clock;
import java.time.Instant;
import org.licensekit.core.InputValidator;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;
import org.licensekit.core.NotAuthorizedException;
import org.licensekit.core.api.AuditQuery;
import org.licensekit.core.domain.Actor;
import org.licensekit.core.domain.AuditEntry;
import org.licensekit.core.domain.ChangeType;
import org.licensekit.core.domain.LicenseEvent;
import org.licensekit.core.domain.TenantId;
import org.licensekit.core.domain.UserId;
import org.licensekit.core.memory.InMemoryLicenseStore;
import org.licensekit.core.policy.Operation;
import org.licensekit.core.spi.LicenseStore;
import org.licensekit.core.spi.Notification;

/** The one path every command takes: authorize, check, one transaction with its audit, dispatch after commit. */
class ContextTest {

  private static final TenantId TENANT = TenantId.of("district-42");
  private static final UserId ANA = UserId.of("ana");

  private final LicenseStore store = InMemoryLicenseStore.create();
  private final List<LicenseEvent> published = new ArrayList<>();
  private final List<Notification> sent = new ArrayList<>();
  private final Ports ports = new Ports(store, Clock.fixed(Instant.parse("2026-09-01T08:00:00Z"), ZoneOffset.UTC),
      sent::add, published::add, InputValidator.create());
  private final Context admin = new Context(ports, TENANT, Actor.systemAdministrator("admin-7"));

  /** Lookups two user changes with a notification each, flushing the audit after the first, as a long run does. */
  private String twoChangesFlushedBetween(UnitOfWork changes) {
    changes.record(ChangeType.USER_UPDATED, "user", ANA).user(ANA).done();
    changes.sendAfterCommit(reminder());
    changes.flush();
    changes.record(ChangeType.USER_UPDATED, "user", ANA).user(ANA).done();
    changes.sendAfterCommit(reminder());
    return "done";
  }

  @Test
  void aCommittedTransactionWritesEveryAuditEntryThenPublishesEventsAndSendsNotifications() {
    Context.Transacted<String> result = admin.transact(this::twoChangesFlushedBetween, value -> true);

    assertThat(result.committed()).isTrue();
    assertThat(result.value()).isEqualTo("done");
    assertThat(audit()).hasSize(2);
    assertThat(published).extracting(LicenseEvent::type).containsExactly(ChangeType.USER_UPDATED, ChangeType.USER_UPDATED);
    assertThat(sent).hasSize(2);
  }

  @Test
  void aTransactionItsValueRefusesIsRolledBackWholeAndDispatchesNothing() {
    Context.Transacted<String> result = admin.transact(this::twoChangesFlushedBetween, value -> false);

    assertThat(result.committed()).isFalse();
    assertThat(result.value()).isEqualTo("done");
    assertThat(audit()).isEmpty();
    assertThat(published).isEmpty();
    assertThat(sent).isEmpty();
  }

  @Test
  void aFailingCommandDispatchesNothing() {
    assertThatThrownBy(() -> admin.run(changes -> {
      twoChangesFlushedBetween(changes);
      throw new IllegalStateException("boom");
    })).isInstanceOf(IllegalStateException.class);

    assertThat(audit()).isEmpty();
    assertThat(published).isEmpty();
    assertThat(sent).isEmpty();
  }

  @Test
  void aCommandIsAuthorizedBeforeItsInputIsCheckedAndBeforeAnythingRuns() {
    Context reporter = new Context(ports, TENANT, Actor.reporter("reporter-1"));
    AtomicBoolean checked = new AtomicBoolean();
    AtomicBoolean ran = new AtomicBoolean();

    assertThatThrownBy(() -> reporter.command(Operation.CHANGE_USER_STATUS, Optional.of(ANA), () -> checked.set(true),
        changes -> {
          ran.set(true);
          return twoChangesFlushedBetween(changes);
        })).isInstanceOf(NotAuthorizedException.class);

    assertThat(checked).isFalse();
    assertThat(ran).isFalse();
    assertThat(audit()).singleElement().satisfies(refusal -> {
      assertThat(refusal.action()).isEqualTo(org.licensekit.core.domain.ChangeType.ACCESS_REFUSED);
      assertThat(refusal.actor()).isEqualTo(Actor.reporter("reporter-1"));
      assertThat(refusal.subjectId()).isEqualTo("CHANGE_USER_STATUS");
      assertThat(refusal.user()).contains(ANA);
    });
  }

  private List<AuditEntry> audit() {
    return store.audit().query(TENANT, AuditQuery.all());
  }

  private static Notification reminder() {
    return Notification.builder().tenant(TENANT).kind(Notification.Kind.CLAIM_REMINDER).user(ANA)
        .email("ana@example.org").name("Ana Lopez").attributes(Map.of("product", "observation")).build();
  }
}
