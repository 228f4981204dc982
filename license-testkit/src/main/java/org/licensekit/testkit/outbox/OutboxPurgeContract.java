package org.licensekit.testkit.outbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.licensekit.core.ActorSession;
import org.licensekit.core.FieldError;
import org.licensekit.core.InvalidInputException;
import org.licensekit.core.Licensing;
import org.licensekit.core.NotAuthorizedException;
import org.licensekit.core.api.NewUser;
import org.licensekit.core.api.OutboxCounts;
import org.licensekit.core.api.OutboxPolicy;
import org.licensekit.core.api.OutboxRetention;
import org.licensekit.core.domain.Actor;
import org.licensekit.core.domain.OutboxMessage;
import org.licensekit.core.domain.TenantId;
import org.licensekit.core.domain.UserId;
import org.licensekit.core.spi.Notification;
import org.licensekit.core.spi.Notifier;
import org.licensekit.testkit.LicensingTestSupport;

/**
 * The outbox purge: delivered messages older than the retention are deleted in batches (a page of
 * two here, so every run crosses batches), pending ones never, dead and discarded ones only under a
 * retention of their own; another tenant's messages are untouched.
 */
public abstract class OutboxPurgeContract extends LicensingTestSupport {

  private static final OutboxRetention THIRTY_DAYS = OutboxRetention.deliveredFor(Duration.ofDays(30));

  private final SwitchableNotifier mail = new SwitchableNotifier();
  private ActorSession host;

  @Override
  protected Licensing.Builder configure(Licensing.Builder builder) {
    return builder.notifier(mail).pageSize(2)
        .outboxPolicy(new OutboxPolicy(2, Duration.ofMinutes(1), Duration.ofMinutes(1), Duration.ofMinutes(2)));
  }

  @BeforeEach
  void hostSession() {
    host = admin;
  }

  @Test
  void deliveredMessagesOlderThanTheRetentionArePurgedInBatchesAndNoOthers() {
    for (int i = 1; i <= 5; i++) {
      invite(host, "early-" + i);
    }
    long early = host.outbox().counts().delivered();
    ActorSession other = licensing.tenant(TenantId.of(tenantId.value() + "-other")).as(Actor.systemAdministrator("other"));
    invite(other, "theirs");
    long theirs = other.outbox().counts().delivered();
    clock.advance(Duration.ofDays(10));
    invite(host, "late-1");
    invite(host, "late-2");
    long late = host.outbox().counts().delivered() - early;
    clock.advance(Duration.ofDays(25));

    long purged = host.outbox().purge(THIRTY_DAYS);

    assertThat(early).isGreaterThan(5);
    assertThat(purged).isEqualTo(early);
    assertThat(host.outbox().counts().delivered()).isEqualTo(late);
    assertThat(other.outbox().counts().delivered()).isEqualTo(theirs);
    assertThat(host.outbox().purge(THIRTY_DAYS)).isZero();
    clock.advance(Duration.ofDays(6));
    assertThat(host.outbox().purge(THIRTY_DAYS)).isEqualTo(late);
    assertThat(host.outbox().counts().delivered()).isZero();
  }

  @Test
  void pendingMessagesAreNeverPurgedAndDeadLettersOnlyUnderTheirOwnRetention() {
    mail.failing = true;
    invite(host, "dead-1");
    invite(host, "dead-2");
    clock.advance(Duration.ofMinutes(2));
    host.outbox().deliverDue();
    assertThat(host.outbox().counts().dead()).isEqualTo(2);
    host.outbox().discard(host.outbox().deadLetters(Optional.empty(), 10).get(1).id());
    invite(host, "waiting");
    mail.failing = false;
    long delivered = host.outbox().counts().delivered();
    clock.advance(Duration.ofDays(400));

    assertThat(host.outbox().purge(THIRTY_DAYS)).isEqualTo(delivered);
    assertThat(host.outbox().counts()).isEqualTo(new OutboxCounts(1, 0, 1, 1));

    assertThat(host.outbox().purge(THIRTY_DAYS.withDeadLetters(Duration.ofDays(365)))).isEqualTo(2);
    OutboxCounts after = host.outbox().counts();
    assertThat(after).isEqualTo(new OutboxCounts(1, 0, 0, 0));
    assertThat(host.outbox().deliverDue().changed()).isEqualTo(1);
    assertThat(mail.delivered).extracting(Notification::user).containsExactly(UserId.of("waiting"));
  }

  @Test
  void deadLettersYoungerThanTheirRetentionAreKept() {
    mail.failing = true;
    invite(host, "dead-1");
    clock.advance(Duration.ofMinutes(2));
    host.outbox().deliverDue();
    clock.advance(Duration.ofDays(40));

    host.outbox().purge(THIRTY_DAYS.withDeadLetters(Duration.ofDays(90)));

    assertThat(host.outbox().deadLetters(Optional.empty(), 10)).singleElement()
        .satisfies(m -> assertThat(m.status()).isEqualTo(OutboxMessage.Status.DEAD));
  }

  @Test
  void aRetentionOutOfRangeIsRefusedNamingTheField() {
    assertThatThrownBy(() -> OutboxRetention.deliveredFor(Duration.ZERO))
        .isInstanceOfSatisfying(InvalidInputException.class,
            e -> assertThat(e.errors()).extracting(FieldError::field).containsExactly("delivered"));
    assertThatThrownBy(() -> THIRTY_DAYS.withDeadLetters(Duration.ofDays(7)))
        .isInstanceOfSatisfying(InvalidInputException.class,
            e -> assertThat(e.errors()).extracting(FieldError::field).containsExactly("deadLetters"));
    assertThatThrownBy(() -> THIRTY_DAYS.withDeadLetters(Duration.ofDays(-1)))
        .isInstanceOf(InvalidInputException.class).hasMessageContaining("deadLetters");
  }

  @Test
  void onlyAdministratorsAndSystemJobsPurge() {
    invite(host, "ana");
    clock.advance(Duration.ofDays(31));
    long delivered = host.outbox().counts().delivered();

    assertThatThrownBy(() -> tenant.as(Actor.reporter("reporter-1")).outbox().purge(THIRTY_DAYS))
        .isInstanceOf(NotAuthorizedException.class);
    assertThat(host.outbox().counts().delivered()).isEqualTo(delivered);
    assertThat(tenant.as(Actor.system("maintenance")).outbox().purge(THIRTY_DAYS)).isEqualTo(delivered);
  }

  private static void invite(ActorSession session, String id) {
    session.users().register(NewUser.builder().id(UserId.of(id)).name("User " + id).email(id + "@example.org").build());
  }

  /** A notifier that fails while {@link #failing}. */
  private static final class SwitchableNotifier implements Notifier {
    volatile boolean failing;
    final java.util.List<Notification> delivered = new java.util.concurrent.CopyOnWriteArrayList<>();

    @Override
    public void send(Notification notification) {
      if (failing) {
        throw new IllegalStateException("mail server down");
      }
      delivered.add(notification);
    }
  }
}
