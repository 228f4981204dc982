package org.licensekit.core.internal.claims;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.licensekit.core.domain.ClaimId;

class ClaimIdsTest {

  @Test
  void aClaimIdIsAVersion7UuidLedByTheAssignmentMillisecond() {
    Instant at = Instant.parse("2026-11-30T09:30:15.123456Z");

    ClaimId id = ClaimIds.next(at);

    UUID uuid = UUID.fromString(id.value());
    assertThat(id.value()).hasSize(36).isLowerCase().isEqualTo(uuid.toString());
    assertThat(uuid.version()).isEqualTo(7);
    assertThat(uuid.variant()).isEqualTo(2);
    assertThat(uuid.getMostSignificantBits() >>> 16).isEqualTo(at.toEpochMilli());
  }

  @Test
  void idsOfLaterMillisecondsSortAfterEarlierOnesAsText() {
    Instant start = Instant.parse("2026-11-30T09:30:00Z");
    List<String> ids = new ArrayList<>();
    for (int ms = 0; ms < 2_000; ms += 7) {
      ids.add(ClaimIds.next(start.plusMillis(ms)).value());
    }

    assertThat(ids).isSorted();
  }

  @Test
  void aTransactionsIdsOfOneInstantAscendButWhereTheCounterWraps() {
    Instant at = Instant.parse("2026-11-30T09:30:00Z");
    List<String> ids = new ArrayList<>();
    for (int i = 0; i < 100_000; i++) { // an all-or-nothing bulk run's claims share one instant
      ids.add(ClaimIds.next(at).value());
    }

    int descents = 0;
    for (int i = 1; i < ids.size(); i++) {
      descents += ids.get(i).compareTo(ids.get(i - 1)) < 0 ? 1 : 0;
    }
    assertThat(descents).as("places where the next id sorts before the one before it").isLessThanOrEqualTo(1);
  }

  @Test
  void idsOfOneMillisecondAreDistinctAndUnpredictable() {
    Instant at = Instant.parse("2026-11-30T09:30:00Z");
    Set<String> ids = new HashSet<>();
    Set<String> tails = new HashSet<>();
    for (int i = 0; i < 100_000; i++) {
      String id = ClaimIds.next(at).value();
      ids.add(id);
      tails.add(id.substring(24));
    }

    assertThat(ids).hasSize(100_000);
    assertThat(tails).hasSize(100_000); // the last 48 bits (4 of the counter, 44 random) do not repeat here
  }

  @Test
  void anInstantBefore1970TakesTheEpoch() {
    ClaimId id = ClaimIds.next(Instant.parse("1969-12-31T23:59:59Z"));

    assertThat(id.value()).startsWith("00000000-0000-7");
  }
}
