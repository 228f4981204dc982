package org.licensekit.core.cache;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.licensekit.core.api.AccessDecision;
import org.licensekit.core.domain.ProductId;
import org.licensekit.core.domain.TenantId;
import org.licensekit.core.domain.UserId;

/**
 * {@link KeptDecisions}' shortcut to the tenant last kept for, under seeded random keeps, finds,
 * forgets, clears and sweeps (that drop emptied tables) across tenants: a find returns the latest
 * decision kept for exactly that tenant, user and product, never one forgotten, cleared, of another
 * tenant or from a table that was dropped, and the decision just kept is always found.
 */
class LastTenantShortcutRandomTest {

  private static final List<String> TENANTS = List.of("north", "south", "east");
  private static final List<ProductId> PRODUCTS = List.of(ProductId.of("observation"), ProductId.of("reading"));
  private static final Instant AT = Instant.parse("2026-09-01T08:00:00Z");

  private record Key(TenantId tenant, UserId user, ProductId product) {
  }

  @Test
  void findServesOnlyTheLatestDecisionKeptForThatTenant() {
    long base = System.nanoTime();
    for (int run = 0; run < 30; run++) {
      runWith(base + run);
    }
  }

  private void runWith(long seed) {
    Random random = new Random(seed);
    // Every third decision is unservable once another is made, so sweeps drop some first and empty some tables.
    KeptDecisions kept = new KeptDecisions(1 + random.nextInt(8),
        (decision, latest) -> decision == latest || decision.staleAt() % 3 != 0);
    Map<Key, Decision> latest = new HashMap<>();
    long made = 0;
    TenantId lastKept = TenantId.of(TENANTS.get(0));
    for (int step = 0; step < 2_000; step++) {
      // A fresh but equal tenant id now and then: found by value through the map as well as by identity.
      TenantId tenant = TenantId.of(TENANTS.get(random.nextInt(TENANTS.size())));
      UserId user = UserId.of("u" + random.nextInt(6));
      ProductId product = PRODUCTS.get(random.nextInt(PRODUCTS.size()));
      int op = random.nextInt(100);
      String at = "seed " + seed + ", step " + step;
      if (op < 55) {
        Decision decision = new Decision(user, product, new AccessDecision(user, product, List.of(), Optional.empty()),
            AT, AT.plusSeconds(60), ++made, 0, 0, 1, 0, 2, 0);
        kept.keep(tenant, decision);
        lastKept = tenant;
        latest.put(new Key(tenant, user, product), decision);
        assertThat(kept.find(tenant, user, product)).as("the decision just kept, %s", at).isSameAs(decision);
        assertThat(kept.find(TenantId.of(tenant.value()), user, product)).as("by an equal tenant id, %s", at)
            .isSameAs(decision);
      } else if (op < 85) {
        Decision found = kept.find(tenant, user, product);
        if (found != null) {
          assertThat(found).as("found for %s/%s/%s, %s", tenant, user, product, at)
              .isSameAs(latest.get(new Key(tenant, user, product)));
        }
      } else if (op < 97) {
        kept.forget(tenant, user);
        latest.keySet().removeIf(key -> key.tenant().equals(tenant) && key.user().equals(user));
        for (ProductId each : PRODUCTS) {
          assertThat(kept.find(tenant, user, each)).as("forgotten, %s", at).isNull();
        }
      } else {
        kept.clear();
        latest.clear();
        for (String name : TENANTS) {
          for (ProductId each : PRODUCTS) {
            assertThat(kept.find(TenantId.of(name), user, each)).as("cleared, %s", at).isNull();
          }
        }
        for (ProductId each : PRODUCTS) {
          assertThat(kept.find(lastKept, user, each)).as("cleared, by the tenant last kept for, %s", at).isNull();
        }
      }
    }
  }
}
