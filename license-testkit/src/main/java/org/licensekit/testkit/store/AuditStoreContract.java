package org.licensekit.testkit.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.licensekit.testkit.fixtures.Fixtures.auditEntry;
import static org.licensekit.testkit.fixtures.Fixtures.day;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.licensekit.core.api.AuditQuery;
import org.licensekit.core.domain.Actor;
import org.licensekit.core.domain.AuditEntry;
import org.licensekit.core.domain.ChangeType;
import org.licensekit.core.domain.UserId;
import org.licensekit.core.spi.AuditStore;

/**
 * The contract of {@link AuditStore}: an append-only trail, read back in append order, filtered by
 * the query and cut off at its limit.
 */
public abstract class AuditStoreContract extends StoreContractSupport {

  private static final UserId ANA = UserId.of("ana");

  private AuditStore audit() {
    return store.audit();
  }

  private List<String> ids(AuditQuery query) {
    return audit().query(tenant, query).stream().map(AuditEntry::id).toList();
  }

  @Test
  void entryKeepsEveryField() {
    AuditEntry entry = auditEntry("e-1")
        .at(day(3).plusMillis(250))
        .actor(Actor.reporter("rep-1"))
        .action(ChangeType.CLAIM_REVOKED)
        .subjectType("claim")
        .subjectId("c-42")
        .user(ANA)
        .before("claim c-42 ACTIVE")
        .after("claim c-42 REVOKED")
        .reason("Left the district")
        .build();

    audit().append(tenant, List.of(entry));

    assertThat(audit().query(tenant, AuditQuery.all())).containsExactly(entry);
  }

  @Test
  void entryWithoutUserBeforeAfterOrReasonRoundTrips() {
    AuditEntry entry = auditEntry("e-1").action(ChangeType.PRODUCT_DEFINED).subjectType("product").build();

    audit().append(tenant, List.of(entry));

    AuditEntry found = audit().query(tenant, AuditQuery.all()).get(0);
    assertThat(found).isEqualTo(entry);
    assertThat(found.user()).isEmpty();
    assertThat(found.before()).isEmpty();
    assertThat(found.after()).isEmpty();
    assertThat(found.reason()).isEmpty();
  }

  @Test
  void entriesComeBackInAppendOrderNotTimeOrIdOrder() {
    audit().append(tenant, List.of(auditEntry("e-3").at(day(9)).build(), auditEntry("e-1").at(day(1)).build()));
    audit().append(tenant, List.of(auditEntry("e-2").at(day(5)).build()));
    audit().append(tenant, List.of());
    audit().append(tenant, List.of(auditEntry("e-0").at(day(7)).build()));

    assertThat(ids(AuditQuery.all())).containsExactly("e-3", "e-1", "e-2", "e-0");
  }

  @Test
  void anEmptyTrailAnswersWithNoEntries() {
    audit().append(tenant, List.of());

    assertThat(audit().query(tenant, AuditQuery.all())).isEmpty();
  }

  @Test
  void queryByUserReturnsOnlyEntriesConcerningThatUser() {
    audit().append(tenant, List.of(
        auditEntry("e-1").user(ANA).build(),
        auditEntry("e-2").user(UserId.of("bo")).build(),
        auditEntry("e-3").build(),
        auditEntry("e-4").user(ANA).build()));

    assertThat(ids(AuditQuery.builder().user(ANA).build())).containsExactly("e-1", "e-4");
  }

  @Test
  void queryBySubjectReturnsOnlyThatRecordsEntries() {
    audit().append(tenant, List.of(
        auditEntry("e-1").subjectId("c-1").build(),
        auditEntry("e-2").subjectId("c-2").build(),
        auditEntry("e-3").subjectId("c-1").action(ChangeType.CLAIM_ACTIVATED).build()));

    assertThat(ids(AuditQuery.builder().subjectId("c-1").build())).containsExactly("e-1", "e-3");
  }

  @Test
  void queryByActionsReturnsOnlyThoseActions() {
    audit().append(tenant, List.of(
        auditEntry("e-1").action(ChangeType.CLAIM_ASSIGNED).build(),
        auditEntry("e-2").action(ChangeType.USER_REGISTERED).build(),
        auditEntry("e-3").action(ChangeType.CLAIM_REVOKED).build(),
        auditEntry("e-4").action(ChangeType.POOL_ADDED).build()));

    assertThat(ids(AuditQuery.builder().addActions(ChangeType.CLAIM_REVOKED, ChangeType.USER_REGISTERED).build()))
        .containsExactly("e-2", "e-3");
  }

  @Test
  void queryByTimeIncludesTheStartAndExcludesTheEnd() {
    audit().append(tenant, List.of(
        auditEntry("before").at(day(1).minusMillis(1)).build(),
        auditEntry("at-start").at(day(1)).build(),
        auditEntry("inside").at(day(2)).build(),
        auditEntry("just-before-end").at(day(3).minusMillis(1)).build(),
        auditEntry("at-end").at(day(3)).build()));

    assertThat(ids(AuditQuery.builder().from(day(1)).to(day(3)).build()))
        .containsExactly("at-start", "inside", "just-before-end");
    assertThat(ids(AuditQuery.builder().from(day(2)).build())).containsExactly("inside", "just-before-end", "at-end");
    assertThat(ids(AuditQuery.builder().to(day(1)).build())).containsExactly("before");
  }

  @Test
  void criteriaCombine() {
    audit().append(tenant, List.of(
        auditEntry("e-1").user(ANA).action(ChangeType.CLAIM_ASSIGNED).subjectId("c-1").at(day(1)).build(),
        auditEntry("e-2").user(ANA).action(ChangeType.CLAIM_REVOKED).subjectId("c-1").at(day(2)).build(),
        auditEntry("e-3").user(ANA).action(ChangeType.CLAIM_ASSIGNED).subjectId("c-2").at(day(3)).build(),
        auditEntry("e-4").user(UserId.of("bo")).action(ChangeType.CLAIM_ASSIGNED).subjectId("c-1").at(day(4)).build(),
        auditEntry("e-5").user(ANA).action(ChangeType.CLAIM_ASSIGNED).subjectId("c-1").at(day(9)).build()));

    AuditQuery query = AuditQuery.builder()
        .user(ANA).subjectId("c-1").addActions(ChangeType.CLAIM_ASSIGNED).from(day(0)).to(day(5)).build();

    assertThat(ids(query)).containsExactly("e-1");
  }

  @Test
  void theLimitKeepsTheOldestMatchingEntries() {
    List<AuditEntry> entries = new ArrayList<>();
    for (int i = 0; i < 12; i++) {
      entries.add(auditEntry("e-" + i).action(i % 2 == 0 ? ChangeType.CLAIM_ASSIGNED : ChangeType.POOL_ADDED).build());
    }
    audit().append(tenant, entries);

    assertThat(ids(AuditQuery.builder().limit(3).build())).containsExactly("e-0", "e-1", "e-2");
    assertThat(ids(AuditQuery.builder().addActions(ChangeType.POOL_ADDED).limit(2).build()))
        .containsExactly("e-1", "e-3");
    assertThat(ids(AuditQuery.builder().limit(50).build())).hasSize(12);
  }

  @Test
  void tenantsNeverSeeEachOthersTrail() {
    audit().append(tenant, List.of(auditEntry("ours").user(ANA).subjectId("c-1").build()));
    audit().append(otherTenant, List.of(auditEntry("theirs").user(ANA).subjectId("c-1").build()));

    assertThat(ids(AuditQuery.all())).containsExactly("ours");
    assertThat(audit().query(otherTenant, AuditQuery.builder().user(ANA).subjectId("c-1").build()))
        .extracting(AuditEntry::id).containsExactly("theirs");
  }
}
