package org.licensekit.core.internal.privacy;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.licensekit.core.domain.AccountStatus;
import org.licensekit.core.domain.TenantId;
import org.licensekit.core.domain.UserAccount;
import org.licensekit.core.domain.UserId;
import org.licensekit.core.internal.OutboxCodec;
import org.licensekit.core.internal.bulk.BulkResultCodec;
import org.licensekit.core.policy.Pseudonym;
import org.licensekit.core.spi.PersonalText;

class RedactorTest {

  private static final UserId LI = UserId.of("li");
  private static final Pseudonym PSEUDONYM = Pseudonym.of(TenantId.of("district-42"), LI);

  private static UserAccount account(String name, String email) {
    return UserAccount.builder().id(LI).name(name).email(email).status(AccountStatus.ARCHIVED)
        .createdAt(Instant.parse("2026-09-01T00:00:00Z")).build();
  }

  private static PersonalText text(PersonalText.Kind kind, Optional<UserId> owner, String value) {
    return new PersonalText(kind, List.of("k"), owner, value);
  }

  @Test
  void aShortNameIsReplacedInThePersonsOwnRecordsOnlyAndTheAddressEverywhere() {
    Redactor redactor = new Redactor(account("Li", "li@example.org"), PSEUDONYM, List.of());

    assertThat(redactor.rewrite(text(PersonalText.Kind.CLAIM_REASON, Optional.of(LI), "Li asked; li@example.org")))
        .isEqualTo(PSEUDONYM.name() + " asked; " + PSEUDONYM.email());
    assertThat(redactor.rewrite(text(PersonalText.Kind.CLAIM_REASON, Optional.of(UserId.of("bo")), "Lisbon trip, ask li@example.org")))
        .isEqualTo("Lisbon trip, ask " + PSEUDONYM.email());
  }

  @Test
  void aFullNameIsReplacedEverywhereWithTheFormerNamesAndAddressesFromTheAccountsAuditedRenderings() {
    Redactor redactor = new Redactor(account("Li Wen Okafor", "li.okafor@example.org"), PSEUDONYM,
        List.of("UserAccount{id=li, name=Li Wen, email=li.wen@example.org, status=ACTIVE}",
            "UserAccount{id=lisa, name=Lisa Other, email=lisa@example.org}"));

    String other = redactor.rewrite(text(PersonalText.Kind.WAITLIST_REASON, Optional.of(UserId.of("bo")),
        "behind Li Wen Okafor, formerly Li Wen <li.wen@example.org>; Lisa Other stays"));

    assertThat(other).isEqualTo("behind " + PSEUDONYM.name() + ", formerly " + PSEUDONYM.name() + " <" + PSEUDONYM.email()
        + ">; Lisa Other stays");
  }

  @Test
  void encodedTextsAreRewrittenInTheirOwnEncoding() {
    Redactor redactor = new Redactor(account("Li", "li|x@example.org"), PSEUDONYM, List.of());
    String payload = "kind=INVITATION&user=li&email=" + OutboxCodec.encoded("li|x@example.org") + "&name=Li";

    assertThat(OutboxCodec.rewriteValues(redactor.rewrite(text(PersonalText.Kind.OUTBOX_PAYLOAD, Optional.empty(), payload)),
        value -> value)).isEqualTo("kind=INVITATION&user=li&email=" + OutboxCodec.encoded(PSEUDONYM.email())
        + "&name=" + OutboxCodec.encoded(PSEUDONYM.name()));
    assertThat(redactor.rewrite(text(PersonalText.Kind.BULK_RESULT, Optional.empty(),
        "outcome|bo|DONE||ask " + BulkResultCodec.escape("li|x@example.org"))))
        .isEqualTo("outcome|bo|DONE||ask " + PSEUDONYM.email());
    assertThat(redactor.needles()).contains("li|x@example.org", OutboxCodec.encoded("li|x@example.org"),
        BulkResultCodec.escape("li|x@example.org"));
  }

  @Test
  void aBatchPayloadHasOnlyThePersonsOwnNotificationRewritten() {
    Redactor redactor = new Redactor(account("Li", "li|x@example.org"), PSEUDONYM, List.of());
    String bo = "kind=INVITATION&user=bo&email=bo%40example.org&name=Bo";
    String li = "kind=INVITATION&user=li&email=" + OutboxCodec.encoded("li|x@example.org") + "&name=Li";
    String batch = OutboxCodec.joinLines(List.of(bo, li, bo));

    String rewritten = redactor.rewrite(text(PersonalText.Kind.OUTBOX_PAYLOAD, Optional.empty(), batch));

    assertThat(OutboxCodec.lines(rewritten)).containsExactly(bo, "kind=INVITATION&user=li&email=" + OutboxCodec.encoded(PSEUDONYM.email())
        + "&name=" + OutboxCodec.encoded(PSEUDONYM.name()), bo);
  }

  @Test
  void aBatchOfEventsHasOnlyThePersonsOwnEventRewrittenAndAnotherEventKeepsAShortNameThatIsNotTheirs() {
    Redactor redactor = new Redactor(account("Li", "li|x@example.org"), PSEUDONYM, List.of());
    String bo = "type=USER_REGISTERED&at=2026-09-01T08%3A00%3A00Z&actorKind=SYSTEM_ADMINISTRATOR&actorId=admin&subjectType=user"
        + "&subjectId=bo&user=bo&attr.note=Li";
    String li = "type=USER_INVITED&at=2026-09-01T08%3A00%3A00Z&actorKind=SYSTEM_ADMINISTRATOR&actorId=admin&subjectType=user"
        + "&subjectId=li&user=li&attr.note=Li+" + OutboxCodec.encoded("li|x@example.org");
    String batch = OutboxCodec.joinLines(List.of(bo, li, bo));

    String rewritten = redactor.rewrite(text(PersonalText.Kind.OUTBOX_PAYLOAD, Optional.empty(), batch));

    assertThat(OutboxCodec.lines(rewritten)).containsExactly(bo, li.replace("attr.note=Li+" + OutboxCodec.encoded("li|x@example.org"),
        "attr.note=" + OutboxCodec.encoded(PSEUDONYM.name() + " " + PSEUDONYM.email())), bo);
  }

  @Test
  void aRememberedBulkRequestLosesASearchTextThatIsPartOfTheName() {
    Redactor redactor = new Redactor(account("Li Wen Okafor", "li.okafor@example.org"), PSEUDONYM, List.of());
    String request = "offboard()|BEST_EFFORT|UserFilter[statuses=[], nameOrEmailContains=Optional[wen oka], claim=Optional.empty]|left";
    String unrelated = "offboard()|BEST_EFFORT|UserFilter[statuses=[], nameOrEmailContains=Optional[smith], claim=Optional.empty]|left";

    assertThat(redactor.rewrite(text(PersonalText.Kind.BULK_REQUEST, Optional.empty(), request)))
        .contains("nameOrEmailContains=Optional[" + PSEUDONYM.name() + "], claim=").doesNotContain("wen oka");
    assertThat(redactor.rewrite(text(PersonalText.Kind.BULK_REQUEST, Optional.empty(), unrelated))).isEqualTo(unrelated);
  }
}
