package org.licensekit.core.policy;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.licensekit.core.api.AuditBreak;
import org.licensekit.core.api.AuditVerification;
import org.licensekit.core.domain.Actor;
import org.licensekit.core.domain.AuditChainHead;
import org.licensekit.core.domain.AuditEntry;
import org.licensekit.core.domain.AuditLink;
import org.licensekit.core.domain.ChangeType;
import org.licensekit.core.domain.TenantId;
import org.licensekit.core.domain.UserId;

class AuditChainTest {

  private static final TenantId TENANT = TenantId.of("district-42");

  private static AuditEntry entry(String id) {
    return AuditEntry.builder().id(id).at(Instant.parse("2026-09-02T10:00:00.123456789Z"))
        .actor(Actor.systemAdministrator("admin-7")).action(ChangeType.CLAIM_REVOKED).subjectType("claim").subjectId("c-42")
        .user(UserId.of("ana")).after("claim c-42 REVOKED").reason("Zoë left").build();
  }

  private static AuditVerification check(List<AuditLink> links, AuditChainHead head) {
    AuditChainCheck check = new AuditChainCheck(TENANT);
    links.forEach(check::accept);
    return check.finish(head);
  }

  /** The documented encoding, pinned by a hash computed independently of this code (Python's hashlib). */
  @Test
  void theHashFollowsTheDocumentedEncoding() {
    AuditEntry entry = entry("e-1");

    assertThat(new String(AuditChain.encoding(TENANT, 1, AuditChain.GENESIS, entry), StandardCharsets.UTF_8)).isEqualTo(
        "licensekit-audit-v1|11:district-42|1:1|64:" + "0".repeat(64) + "|3:e-1|17:1788343200.123456"
            + "|20:SYSTEM_ADMINISTRATOR|7:admin-7|13:CLAIM_REVOKED|5:claim|4:c-42|3:ana|-|18:claim c-42 REVOKED|9:Zoë left");
    assertThat(AuditChain.hash(TENANT, 1, AuditChain.GENESIS, entry))
        .isEqualTo("7f2f91aa9bb0296a6f7c4ab94ea03ab758287f39981720fc67d463b1fbdb0624");
  }

  @Test
  void lengthPrefixesKeepShiftedFieldsApart() {
    AuditEntry a = AuditEntry.builder().from(entry("e-1")).subjectType("ab").subjectId("c").build();
    AuditEntry b = AuditEntry.builder().from(entry("e-1")).subjectType("a").subjectId("bc").build();
    AuditEntry absent = AuditEntry.builder().from(entry("e-1")).before(Optional.empty()).build();
    AuditEntry empty = AuditEntry.builder().from(entry("e-1")).before("").build();

    assertThat(AuditChain.hash(TENANT, 1, AuditChain.GENESIS, a)).isNotEqualTo(AuditChain.hash(TENANT, 1, AuditChain.GENESIS, b));
    assertThat(AuditChain.hash(TENANT, 1, AuditChain.GENESIS, absent))
        .isNotEqualTo(AuditChain.hash(TENANT, 1, AuditChain.GENESIS, empty));
  }

  @Test
  void linkNumbersFromTheHeadAndChainsEachToThePrevious() {
    List<AuditLink> first = AuditChain.link(TENANT, AuditChain.emptyHead(), List.of(entry("e-1"), entry("e-2")));
    List<AuditLink> second = AuditChain.link(TENANT, first.get(1).head(), List.of(entry("e-3")));

    assertThat(first).extracting(AuditLink::position).containsExactly(1L, 2L);
    assertThat(first.get(0).previousHash()).isEqualTo(AuditChain.GENESIS);
    assertThat(first.get(1).previousHash()).isEqualTo(first.get(0).hash());
    assertThat(second.get(0).position()).isEqualTo(3);
    assertThat(second.get(0).previousHash()).isEqualTo(first.get(1).hash());
    assertThat(first.get(0).entry().at()).isEqualTo(Instant.parse("2026-09-02T10:00:00.123456Z"));
  }

  @Test
  void anIntactChainVerifies() {
    List<AuditLink> links = AuditChain.link(TENANT, AuditChain.emptyHead(), List.of(entry("e-1"), entry("e-2"), entry("e-3")));

    assertThat(check(links, links.get(2).head())).isEqualTo(new AuditVerification(3, Optional.empty()));
    assertThat(check(List.of(), AuditChain.emptyHead()).intact()).isTrue();
  }

  @Test
  void eachKindOfTamperingIsNamedAtItsFirstPosition() {
    List<AuditLink> links = AuditChain.link(TENANT, AuditChain.emptyHead(),
        List.of(entry("e-1"), entry("e-2"), entry("e-3"), entry("e-4")));
    AuditChainHead head = links.get(3).head();

    List<AuditLink> edited = new ArrayList<>(links);
    AuditLink two = links.get(1);
    edited.set(1, new AuditLink(2, two.previousHash(), two.hash(), AuditEntry.builder().from(two.entry()).reason("forged").build()));
    assertBreak(check(edited, head), 2, AuditBreak.Kind.CONTENT_CHANGED, 1);

    List<AuditLink> rehashed = new ArrayList<>(links);
    AuditEntry forged = AuditEntry.builder().from(two.entry()).reason("forged").build();
    rehashed.set(1, new AuditLink(2, two.previousHash(), AuditChain.hash(TENANT, 2, two.previousHash(), forged), forged));
    assertBreak(check(rehashed, head), 3, AuditBreak.Kind.LINK_BROKEN, 2);

    List<AuditLink> gap = new ArrayList<>(links);
    gap.remove(2);
    assertBreak(check(gap, head), 3, AuditBreak.Kind.ENTRY_MISSING, 2);

    assertBreak(check(links.subList(0, 2), head), 3, AuditBreak.Kind.ENTRY_MISSING, 2);
    assertBreak(check(links, links.get(1).head()), 2, AuditBreak.Kind.HEAD_MISMATCH, 4);

    AuditChainCheck otherTenant = new AuditChainCheck(TenantId.of("district-43"));
    assertThat(otherTenant.accept(links.get(0))).isFalse();
    assertBreak(otherTenant.finish(head), 1, AuditBreak.Kind.CONTENT_CHANGED, 0);
  }

  private static void assertBreak(AuditVerification verification, long position, AuditBreak.Kind kind, long checked) {
    AuditBreak found = verification.firstBreak().orElseThrow();
    assertThat(found.position()).as(found.message()).isEqualTo(position);
    assertThat(found.kind()).as(found.message()).isEqualTo(kind);
    assertThat(verification.entriesChecked()).isEqualTo(checked);
    assertThat(verification.intact()).isFalse();
  }
}
