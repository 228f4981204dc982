package org.licensekit.testkit.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.licensekit.testkit.fixtures.Fixtures.auditEntry;
import static org.licensekit.testkit.fixtures.Fixtures.day;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;
import org.licensekit.core.api.AuditQuery;
import org.licensekit.core.api.AuditVerification;
import org.licensekit.core.domain.AuditChainHead;
import org.licensekit.core.domain.AuditEntry;
import org.licensekit.core.domain.AuditLink;
import org.licensekit.core.domain.ChangeType;
import org.licensekit.core.domain.TenantId;
import org.licensekit.core.domain.UserId;
import org.licensekit.core.policy.AuditChain;
import org.licensekit.core.policy.AuditChainCheck;
import org.licensekit.core.spi.AuditStore;

/**
 * The hash chain of {@link AuditStore}: appends link each tenant's entries from position 1 with
 * SHA-256 hashes over their content and the previous entry; the head follows the newest entry;
 * newest-first keyset reads and counts agree with the filters; and threads appending to one tenant
 * at once, each in its own transaction, never fork the chain.
 */
public abstract class AuditChainContract extends StoreContractSupport {

  private static final UserId ANA = UserId.of("ana");

  private AuditStore audit() {
    return store.audit();
  }

  private List<AuditLink> wholeChain(TenantId t) {
    return audit().chain(t, 0, 100_000);
  }

  private AuditVerification verify(TenantId t) {
    AuditChainCheck check = new AuditChainCheck(t);
    wholeChain(t).forEach(check::accept);
    return check.finish(audit().head(t).orElse(AuditChain.emptyHead()));
  }

  @Test
  void appendsLinkEachEntryToTheOneBeforeWithItsHash() {
    audit().append(tenant, List.of(auditEntry("e-1").build(), auditEntry("e-2").user(ANA).reason("why").build()));
    audit().append(tenant, List.of(auditEntry("e-3").at(day(2).plusNanos(123_456_789)).build()));

    List<AuditLink> chain = wholeChain(tenant);

    assertThat(chain).extracting(AuditLink::position).containsExactly(1L, 2L, 3L);
    assertThat(chain).extracting(link -> link.entry().id()).containsExactly("e-1", "e-2", "e-3");
    assertThat(chain.get(0).previousHash()).isEqualTo(AuditChain.GENESIS);
    for (int i = 1; i < chain.size(); i++) {
      assertThat(chain.get(i).previousHash()).isEqualTo(chain.get(i - 1).hash());
    }
    for (AuditLink link : chain) {
      assertThat(link.seal().version()).isEqualTo(2);
      assertThat(link.seal().salt()).hasValueSatisfying(salt -> assertThat(salt).hasSize(64));
      assertThat(Optional.of(link.hash())).hasValueSatisfying(hash -> assertThat(hash).hasSize(64))
          .isEqualTo(AuditChain.expectedHash(tenant, link));
    }
    assertThat(chain.get(2).entry().at()).isEqualTo(day(2).plusNanos(123_456_000));
    assertThat(audit().head(tenant)).contains(chain.get(2).head());
    assertThat(verify(tenant).intact()).isTrue();
  }

  @Test
  void anUntouchedTenantHasNoHeadAndAnEmptyChain() {
    audit().append(tenant, List.of());

    assertThat(audit().head(tenant)).isEmpty();
    assertThat(wholeChain(tenant)).isEmpty();
  }

  @Test
  void anErasureFindsEntriesByUserOrTextAndRewritesOnlyTheirPersonalFields() {
    audit().append(tenant, List.of(
        auditEntry("e-1").user(ANA).after("UserAccount{id=ana, name=Ana Lind}").build(),
        auditEntry("e-2").reason("seat handed to Ana Lind").build(),
        auditEntry("e-3").reason("unrelated").build()));
    audit().append(otherTenant, List.of(auditEntry("b-1").user(ANA).reason("Ana Lind").build()));
    audit().append(tenant, List.of(auditEntry("erasure").action(org.licensekit.core.domain.ChangeType.PERSONAL_DATA_ERASED).build()));

    List<AuditLink> found = audit().mentioning(tenant, ANA, java.util.Set.of("Ana Lind"));
    assertThat(found).extracting(link -> link.entry().id()).containsExactly("e-1", "e-2");
    assertThat(audit().mentioning(tenant, UserId.of("nobody"), java.util.Set.of())).isEmpty();
    AuditLink first = found.get(0);
    AuditLink erased = AuditChain.erase(first,
        org.licensekit.core.domain.AuditEntry.builder().from(first.entry()).after("UserAccount{id=ana, name=X}").build(), 4);
    audit().redact(tenant, List.of(erased));

    AuditLink stored = wholeChain(tenant).get(0);
    assertThat(stored.entry().after()).contains("UserAccount{id=ana, name=X}");
    assertThat(org.licensekit.core.domain.AuditEntry.builder().from(stored.entry()).after(first.entry().after()).build())
        .isEqualTo(first.entry());
    assertThat(stored.hash()).isEqualTo(first.hash());
    assertThat(stored.previousHash()).isEqualTo(first.previousHash());
    assertThat(stored.seal()).isEqualTo(erased.seal());
    assertThat(stored.seal().salt()).isEmpty();
    assertThat(stored.seal().erasedBy()).contains(4L);
    assertThat(AuditChain.expectedHash(tenant, stored)).contains(first.hash());
    assertThat(audit().head(tenant).map(AuditChainHead::position)).contains(4L);
    assertThat(wholeChain(otherTenant).get(0).entry().reason()).contains("Ana Lind");
  }

  @Test
  void eachTenantHasAChainOfItsOwn() {
    audit().append(tenant, List.of(auditEntry("a-1").build(), auditEntry("a-2").build()));
    audit().append(otherTenant, List.of(auditEntry("b-1").build()));

    assertThat(wholeChain(otherTenant)).singleElement().satisfies(link -> {
      assertThat(link.position()).isEqualTo(1);
      assertThat(link.previousHash()).isEqualTo(AuditChain.GENESIS);
    });
    assertThat(audit().head(tenant).map(AuditChainHead::position)).contains(2L);
    // The same entry at the same position hashes differently in another tenant.
    assertThat(Optional.of(wholeChain(otherTenant).get(0).hash()))
        .isNotEqualTo(AuditChain.expectedHash(tenant, wholeChain(otherTenant).get(0)));
  }

  @Test
  void aRolledBackAppendLeavesNoGapInTheChain() {
    audit().append(tenant, List.of(auditEntry("kept-1").build()));
    assertThatThrownBy(() -> inTransaction(() -> {
      audit().append(tenant, List.of(auditEntry("lost").build()));
      throw new IllegalStateException("abort");
    })).hasMessage("abort");
    audit().append(tenant, List.of(auditEntry("kept-2").build()));

    assertThat(wholeChain(tenant)).extracting(link -> link.entry().id()).containsExactly("kept-1", "kept-2");
    assertThat(wholeChain(tenant)).extracting(AuditLink::position).containsExactly(1L, 2L);
    assertThat(verify(tenant).intact()).isTrue();
  }

  @Test
  void newestFirstReadsMatchingEntriesBelowAPosition() {
    List<AuditEntry> entries = new ArrayList<>();
    for (int i = 1; i <= 9; i++) {
      entries.add(auditEntry("e-" + i).user(i % 3 == 0 ? ANA : UserId.of("bo"))
          .action(i % 2 == 0 ? ChangeType.POOL_ADDED : ChangeType.CLAIM_ASSIGNED).at(day(i)).build());
    }
    audit().append(tenant, entries);

    assertThat(audit().newestFirst(tenant, AuditQuery.all(), Long.MAX_VALUE, 4))
        .extracting(link -> link.entry().id()).containsExactly("e-9", "e-8", "e-7", "e-6");
    assertThat(audit().newestFirst(tenant, AuditQuery.all(), 6, 4))
        .extracting(AuditLink::position).containsExactly(5L, 4L, 3L, 2L);
    assertThat(audit().newestFirst(tenant, AuditQuery.builder().user(ANA).build(), Long.MAX_VALUE, 10))
        .extracting(link -> link.entry().id()).containsExactly("e-9", "e-6", "e-3");
    assertThat(audit().newestFirst(tenant, AuditQuery.builder().addActions(ChangeType.POOL_ADDED).from(day(3)).to(day(8)).build(), 7, 10))
        .extracting(link -> link.entry().id()).containsExactly("e-6", "e-4");
    assertThat(audit().newestFirst(otherTenant, AuditQuery.all(), Long.MAX_VALUE, 10)).isEmpty();
  }

  @Test
  void countsAgreeWithTheFiltersAndIgnoreTheLimit() {
    List<AuditEntry> entries = new ArrayList<>();
    for (int i = 1; i <= 12; i++) {
      entries.add(auditEntry("e-" + i).user(i % 4 == 0 ? ANA : UserId.of("bo")).subjectId("c-" + (i % 2)).build());
    }
    audit().append(tenant, entries);
    audit().append(otherTenant, List.of(auditEntry("x").user(ANA).build()));

    assertThat(audit().count(tenant, AuditQuery.builder().limit(2).build())).isEqualTo(12);
    assertThat(audit().count(tenant, AuditQuery.builder().user(ANA).build())).isEqualTo(3);
    assertThat(audit().count(tenant, AuditQuery.builder().subjectId("c-1").build())).isEqualTo(6);
    assertThat(audit().count(tenant, AuditQuery.builder().user(ANA).subjectId("c-1").build())).isZero();
    assertThat(audit().count(otherTenant, AuditQuery.all())).isEqualTo(1);
  }

  @Test
  void threadsAppendingToOneTenantAtOnceNeverForkItsChain() throws Exception {
    int threads = 12;
    int transactionsPerThread = 4;
    List<Callable<Void>> tasks = new ArrayList<>();
    for (int t = 0; t < threads; t++) {
      int thread = t;
      tasks.add(() -> {
        for (int n = 0; n < transactionsPerThread; n++) {
          int round = n;
          inTransaction(() -> {
            audit().append(tenant, List.of(auditEntry("t" + thread + "-" + round + "-a").build()));
            audit().append(tenant, List.of(auditEntry("t" + thread + "-" + round + "-b").build(),
                auditEntry("t" + thread + "-" + round + "-c").build()));
            return null;
          });
        }
        return null;
      });
    }

    race(tasks);

    List<AuditLink> chain = wholeChain(tenant);
    long total = (long) threads * transactionsPerThread * 3;
    assertThat(chain).extracting(AuditLink::position).containsExactlyElementsOf(LongStream.rangeClosed(1, total).boxed().toList());
    assertThat(chain).extracting(link -> link.entry().id()).doesNotHaveDuplicates();
    assertThat(verify(tenant).intact()).as("verification of the raced chain").isTrue();
    assertThat(audit().head(tenant).map(AuditChainHead::position)).contains(total);
    // Each transaction's three entries are consecutive: appends of one transaction are never interleaved.
    for (int i = 0; i < chain.size(); i += 3) {
      String prefix = chain.get(i).entry().id().replaceAll("-a$", "");
      assertThat(chain.subList(i, i + 3)).extracting(link -> link.entry().id())
          .containsExactly(prefix + "-a", prefix + "-b", prefix + "-c");
    }
  }
}
