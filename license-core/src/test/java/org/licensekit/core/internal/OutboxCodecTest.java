package org.licensekit.core.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.licensekit.core.domain.Actor;
import org.licensekit.core.domain.ChangeType;
import org.licensekit.core.domain.LicenseEvent;
import org.licensekit.core.domain.ProductId;
import org.licensekit.core.domain.TenantId;
import org.licensekit.core.domain.UserId;
import org.licensekit.core.spi.Notification;

class OutboxCodecTest {

  private static final TenantId TENANT = TenantId.of("district-42");
  private static final String AWKWARD = "a&b=c%d+e é\n ✓ \u0000?";

  @Test
  void aNotificationReadsBackWithItsMessageIdAndEveryCharacter() {
    Notification sent = Notification.builder().tenant(TENANT).kind(Notification.Kind.CLAIM_REMINDER).user(UserId.of("u:1@x"))
        .email("ana+x@example.org").name(AWKWARD).attributes(Map.of("product", AWKWARD, "attr.x", "=")).build();

    Notification read = OutboxCodec.notification(TENANT, "m-1", OutboxCodec.encode(sent));

    assertThat(read).isEqualTo(Notification.builder().from(sent).messageId("m-1").build());
  }

  @Test
  void anEventReadsBackWithItsOptionalParts() {
    LicenseEvent full = LicenseEvent.builder().tenant(TENANT).type(ChangeType.CLAIM_ASSIGNED).at(Instant.parse("2026-09-01T08:00:00.123456Z"))
        .actor(Actor.systemAdministrator("admin.7")).subjectType("claim").subjectId(AWKWARD).user(UserId.of("ana"))
        .product(ProductId.of("observation")).attributes(Map.of("pool", "p&1")).build();
    LicenseEvent bare = LicenseEvent.builder().from(full).user(Optional.empty()).product(Optional.empty()).attributes(Map.of()).build();

    assertThat(OutboxCodec.event(TENANT, "m-2", OutboxCodec.encode(full))).isEqualTo(LicenseEvent.builder().from(full).messageId("m-2").build());
    assertThat(OutboxCodec.event(TENANT, "m-3", OutboxCodec.encode(bare))).isEqualTo(LicenseEvent.builder().from(bare).messageId("m-3").build());
  }

  @Test
  void aBatchOfNotificationsReadsBackInOrderEachWithItsOwnStableMessageId() {
    Notification first = Notification.builder().tenant(TENANT).kind(Notification.Kind.INVITATION).user(UserId.of("u-1"))
        .email("a@example.org").name(AWKWARD).attributes(Map.of("products", "x\ny", "note", AWKWARD)).build();
    Notification second = Notification.builder().from(first).user(UserId.of("u-2")).name("Bo").attributes(Map.of()).build();

    String payload = OutboxCodec.encodeAll(java.util.List.of(first, second, first));

    assertThat(OutboxCodec.count(payload)).isEqualTo(3);
    assertThat(OutboxCodec.notifications(TENANT, "m-9", payload)).containsExactly(
        Notification.builder().from(first).messageId("m-9/1").build(),
        Notification.builder().from(second).messageId("m-9/2").build(),
        Notification.builder().from(first).messageId("m-9/3").build());
    assertThat(OutboxCodec.lines(OutboxCodec.encode(first))).hasSize(1);
  }

  @Test
  void aBatchOfEventsReadsBackInOrderEachWithItsOwnStableMessageId() {
    LicenseEvent first = LicenseEvent.builder().tenant(TENANT).type(ChangeType.USER_REGISTERED).at(Instant.parse("2026-09-01T08:00:00Z"))
        .actor(Actor.systemAdministrator("admin.7")).subjectType("user").subjectId("u-1").user(UserId.of("u-1"))
        .attributes(Map.of("note", AWKWARD)).build();
    LicenseEvent second = LicenseEvent.builder().from(first).type(ChangeType.CLAIM_ASSIGNED).subjectType("claim").subjectId("c\n1")
        .product(ProductId.of("observation")).attributes(Map.of()).build();

    String payload = OutboxCodec.encodeAllEvents(java.util.List.of(first, second, first));

    assertThat(OutboxCodec.lines(payload)).hasSize(3);
    assertThat(OutboxCodec.events(TENANT, "m-7", payload)).containsExactly(
        LicenseEvent.builder().from(first).messageId("m-7/1").build(),
        LicenseEvent.builder().from(second).messageId("m-7/2").build(),
        LicenseEvent.builder().from(first).messageId("m-7/3").build());
  }
}
