package org.licensekit.testkit.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.licensekit.testkit.fixtures.Fixtures.day;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.licensekit.core.domain.ProductId;
import org.licensekit.core.domain.UserId;
import org.licensekit.core.domain.WaitlistEntry;
import org.licensekit.core.spi.WaitlistStore;

/**
 * The contract of {@link WaitlistStore#append}: one entry per user and product, at the end of the
 * product's queue, also when one transaction appends the same user several times (a reactivation
 * queues a product once for the user's direct assignment and again through a role, with equal
 * tenant, product and user). A store that answers "does the user wait already" from a result it
 * read before the transaction's own last write fails here.
 */
public abstract class WaitlistStoreContract extends StoreContractSupport {

  private static final ProductId PRODUCT = ProductId.of("waitlisted");
  private static final ProductId OTHER = ProductId.of("other-product");
  private static final UserId ANA = UserId.of("ana");
  private static final UserId BO = UserId.of("bo");
  private static final UserId CY = UserId.of("cy");

  private WaitlistStore waitlist() {
    return store.waitlist();
  }

  private static WaitlistEntry entry(ProductId product, UserId user, boolean direct) {
    return WaitlistEntry.builder().product(product).user(user).queuedAt(day(1)).direct(direct)
        .reason(direct ? "product assigned" : "role granted").build();
  }

  private List<UserId> queue(ProductId product) {
    return waitlist().queue(tenant, product).stream().map(WaitlistEntry::user).toList();
  }

  @Test
  void appendingAUserTwiceInOneTransactionKeepsOneEntryAndTheFirstReason() {
    List<Boolean> appended = inTransaction(() -> List.of(
        waitlist().append(tenant, entry(PRODUCT, ANA, true)),
        waitlist().append(tenant, entry(PRODUCT, ANA, false)),
        waitlist().append(tenant, entry(PRODUCT, ANA, true))));

    assertThat(appended).containsExactly(true, false, false);
    assertThat(waitlist().queue(tenant, PRODUCT)).singleElement().isEqualTo(entry(PRODUCT, ANA, true));
  }

  @Test
  void aUserAppendedAgainAfterOthersInOneTransactionKeepsTheirPlace() {
    List<Boolean> appended = inTransaction(() -> List.of(
        waitlist().append(tenant, entry(PRODUCT, ANA, true)),
        waitlist().append(tenant, entry(PRODUCT, BO, false)),
        waitlist().append(tenant, entry(PRODUCT, ANA, false)),
        waitlist().append(tenant, entry(PRODUCT, ANA, true)),
        waitlist().append(tenant, entry(PRODUCT, CY, true))));

    assertThat(appended).containsExactly(true, true, false, false, true);
    assertThat(queue(PRODUCT)).containsExactly(ANA, BO, CY);
    assertThat(waitlist().positionsOf(tenant, ANA)).isEqualTo(Map.of(PRODUCT, 1));
    assertThat(waitlist().positionsOf(tenant, CY)).isEqualTo(Map.of(PRODUCT, 3));
  }

  @Test
  void aUserTakenOutAndAppendedAgainInOneTransactionWaitsOnceAtTheEnd() {
    List<Boolean> appended = inTransaction(() -> {
      boolean first = waitlist().append(tenant, entry(PRODUCT, ANA, true));
      boolean second = waitlist().append(tenant, entry(PRODUCT, ANA, true));
      waitlist().append(tenant, entry(PRODUCT, BO, true));
      boolean removed = waitlist().remove(tenant, PRODUCT, ANA);
      boolean again = waitlist().append(tenant, entry(PRODUCT, ANA, true));
      boolean once = waitlist().append(tenant, entry(PRODUCT, ANA, true));
      return List.of(first, second, removed, again, once);
    });

    assertThat(appended).containsExactly(true, false, true, true, false);
    assertThat(queue(PRODUCT)).containsExactly(BO, ANA);
  }

  @Test
  void aUserWaitsOncePerProductAndEachQueueCountsOnlyItsOwn() {
    inTransaction(() -> List.of(
        waitlist().append(tenant, entry(PRODUCT, ANA, true)),
        waitlist().append(tenant, entry(OTHER, ANA, true)),
        waitlist().append(tenant, entry(OTHER, ANA, false)),
        waitlist().append(tenant, entry(PRODUCT, ANA, false)),
        waitlist().append(otherTenant, entry(PRODUCT, ANA, true))));

    assertThat(queue(PRODUCT)).containsExactly(ANA);
    assertThat(queue(OTHER)).containsExactly(ANA);
    assertThat(waitlist().positionsOf(tenant, ANA)).isEqualTo(Map.of(PRODUCT, 1, OTHER, 1));
    assertThat(waitlist().counts(tenant, java.util.Optional.empty())).isEqualTo(Map.of(PRODUCT, 1, OTHER, 1));
    assertThat(waitlist().queue(otherTenant, PRODUCT)).hasSize(1);
  }
}
