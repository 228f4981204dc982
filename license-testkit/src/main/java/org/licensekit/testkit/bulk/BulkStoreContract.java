package org.licensekit.testkit.bulk;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.licensekit.testkit.fixtures.Fixtures.claim;
import static org.licensekit.testkit.fixtures.Fixtures.day;
import static org.licensekit.testkit.fixtures.Fixtures.pool;

import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.licensekit.core.domain.ClaimId;
import org.licensekit.core.domain.LicenseClaim;
import org.licensekit.core.domain.TenantId;
import org.licensekit.core.spi.IdempotencyRecord;
import org.licensekit.testkit.fixtures.Fixtures;
import org.licensekit.testkit.store.StoreContractSupport;

/**
 * The store ports of bulk actions and lifecycle jobs, at the SPI: the idempotency store, the
 * notification log, and the claim queries' inclusive bounds and keyset pages. (User filters are
 * specified through the API by {@link UserFilterContract}.)
 */
public abstract class BulkStoreContract extends StoreContractSupport {

  @Test
  void aKeyIsReservedOnceCompletedWithItsResultAndReleasedForARetry() {
    IdempotencyRecord record = new IdempotencyRecord("k-1", "fingerprint", day(1), Optional.empty());

    assertThat(store.idempotency().reserve(tenant, record)).isTrue();
    assertThat(store.idempotency().reserve(tenant, new IdempotencyRecord("k-1", "other", day(2), Optional.empty()))).isFalse();
    assertThat(store.idempotency().find(tenant, "k-1")).contains(record);
    assertThat(store.idempotency().find(otherTenant, "k-1")).isEmpty();
    String longResult = "outcome|x\n".repeat(20_000);
    store.idempotency().complete(tenant, "k-1", longResult);
    assertThat(store.idempotency().find(tenant, "k-1")).hasValueSatisfying(r -> {
      assertThat(r.completed()).isTrue();
      assertThat(r.result()).contains(longResult);
      assertThat(r.fingerprint()).isEqualTo("fingerprint");
    });
    store.idempotency().release(tenant, "k-1");
    assertThat(store.idempotency().find(tenant, "k-1")).isEmpty();
    assertThat(store.idempotency().reserve(otherTenant, record)).isTrue();
  }

  @Test
  void theNotificationLogRecordsEachKeyOncePerTenantAndRollsBackWithItsTransaction() {
    assertThat(store.notificationLog().recordIfAbsent(tenant, "claim-reminder|c-1|PT72H", day(3))).isTrue();
    assertThat(store.notificationLog().recordIfAbsent(tenant, "claim-reminder|c-1|PT72H", day(4))).isFalse();
    assertThat(store.notificationLog().contains(otherTenant, "claim-reminder|c-1|PT72H")).isFalse();
    assertThatThrownBy(() -> inTransaction(() -> {
      store.notificationLog().recordIfAbsent(tenant, "expiration-alert|p-1", day(5));
      throw new IllegalStateException("job failed");
    })).isInstanceOf(IllegalStateException.class);
    assertThat(store.notificationLog().contains(tenant, "expiration-alert|p-1")).isFalse();
  }

  @Test
  void claimsAreDueForExpiryAtTheirExpiryOrTheirPoolsEndInclusively() {
    store.pools().insert(tenant, pool("ending", "observation").term(Fixtures.term(0, 30)).build());
    store.pools().insert(tenant, pool("long", "observation").term(Fixtures.term(0, 365)).build());
    insert(claim("c-1", "u-1", "observation", "ending").build());
    insert(Fixtures.activated(claim("c-2", "u-2", "observation", "long").build(), day(1), day(10)));
    insert(claim("c-3", "u-3", "observation", "long").build());
    insert(Fixtures.expired(Fixtures.activated(claim("c-4", "u-4", "observation", "ending").build(), day(1), day(5)), day(5)));

    assertThat(due(tenant, day(10).minusNanos(1))).isEmpty();
    assertThat(due(tenant, day(10))).containsExactly("c-2");
    assertThat(due(tenant, day(30))).containsExactly("c-1", "c-2");
    assertThat(due(otherTenant, day(30))).isEmpty();
    assertThat(store.claimQueries().findDueForExpiry(tenant, day(30), Optional.of(ClaimId.of("c-1")), 10))
        .extracting(c -> c.id().value()).containsExactly("c-2");
  }

  @Test
  void pendingClaimsAreFoundByAssignmentInclusivelyInKeysetPages() {
    store.pools().insert(tenant, pool("p-1", "observation").build());
    for (int i = 0; i < 5; i++) {
      insert(claim("c-" + i, "u-" + i, "observation", "p-1").assignedAt(day(i)).build());
    }
    insert(Fixtures.activated(claim("c-9", "u-9", "observation", "p-1").build(), day(1), day(90)));

    assertThat(pending(Optional.empty(), day(2), 10)).containsExactly("c-0", "c-1", "c-2");
    assertThat(pending(Optional.empty(), day(4), 2)).containsExactly("c-0", "c-1");
    assertThat(pending(Optional.of(ClaimId.of("c-1")), day(4), 2)).containsExactly("c-2", "c-3");
    assertThat(pending(Optional.of(ClaimId.of("c-3")), day(4), 2)).containsExactly("c-4");
  }

  private void insert(LicenseClaim claim) {
    assertThat(store.claims().insertIfNoLiveClaim(tenant, claim)).isTrue();
  }

  private List<String> due(TenantId in, java.time.Instant now) {
    return store.claimQueries().findDueForExpiry(in, now, Optional.empty(), 100).stream().map(c -> c.id().value()).toList();
  }

  private List<String> pending(Optional<ClaimId> after, java.time.Instant cutoff, int limit) {
    return store.claimQueries().findPendingAssignedBefore(tenant, cutoff, after, limit).stream().map(c -> c.id().value()).toList();
  }
}
