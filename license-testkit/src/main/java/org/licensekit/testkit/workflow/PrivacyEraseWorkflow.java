package org.licensekit.testkit.workflow;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.licensekit.core.api.DefaultCatalog.TEACHER;

import java.io.StringWriter;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.licensekit.core.ErrorCode;
import org.licensekit.core.NotFoundException;
import org.licensekit.core.api.AuditQuery;
import org.licensekit.core.api.BulkAction;
import org.licensekit.core.api.BulkRegistration;
import org.licensekit.core.api.BulkRequest;
import org.licensekit.core.api.Erasure;
import org.licensekit.core.api.NewUser;
import org.licensekit.core.api.UserFilter;
import org.licensekit.core.api.UserUpdate;
import org.licensekit.core.api.report.ClaimRow;
import org.licensekit.core.api.report.ClaimsQuery;
import org.licensekit.core.api.report.Dashboard;
import org.licensekit.core.domain.AccountStatus;
import org.licensekit.core.domain.AuditEntry;
import org.licensekit.core.domain.ChangeType;
import org.licensekit.core.domain.ClaimStatus;
import org.licensekit.core.domain.LicenseClaim;
import org.licensekit.core.domain.OutboxMessage;
import org.licensekit.core.domain.UserAccount;
import org.licensekit.core.domain.UserId;
import org.licensekit.core.policy.Pseudonym;
import org.licensekit.reports.csv.ClaimsCsvExport;

/**
 * The right to be forgotten ({@code session.privacy().erase(user, reason)}): an offboarded person's
 * name and e-mail address are replaced by a pseudonym in the directory, reports, the CSV export,
 * claim reasons and the audit trail; their claims and the tenant's counts stay as they were; the
 * chain still verifies; the erasure is audited without the erased data, and erasing twice changes
 * nothing more.
 */
public abstract class PrivacyEraseWorkflow extends WorkflowSupport {

  static final String NAME = "Ana Zweistein";
  static final String RENAMED = "Ana Zweistein-Okafor";
  static final String EMAIL = "ana.zweistein@example.org";

  /** Ana: registered, renamed, claimed, named in another user's claim reason, offboarded in bulk by a name search. */
  private UserId offboardedAna() {
    pool(OBSERVATION, 5);
    pool(COACHING, 5);
    UserId ana = UserId.of("ana");
    admin.users().register(NewUser.builder().id(ana).name(NAME).email(EMAIL).jobProfile(TEACHER).addOrganizations(NORTH).build());
    admin.users().activate(ana);
    admin.users().update(UserUpdate.builder().id(ana).name(RENAMED).build());
    claimed(ana, OBSERVATION);
    UserId bo = activeUser("bo", TEACHER, NORTH);
    admin.claims().revoke(theLiveClaim(bo, COACHING).id(), "seat handed over to " + RENAMED + " <" + EMAIL + ">");
    admin.bulk().run(BulkRequest.where(UserFilter.builder().nameOrEmailContains(RENAMED).build())
        .action(BulkAction.offboard()).reason("offboarding " + RENAMED).idempotencyKey("offboard-ana").build());
    return ana;
  }

  @Test
  void erasingReplacesNameAndAddressEverywhereAndKeepsClaimsCountsAndTheChain() throws Exception {
    UserId ana = offboardedAna();
    List<LicenseClaim> claimsBefore = admin.claims().ofUser(ana);
    Dashboard dashboardBefore = admin.reports().dashboard();
    long rowsBefore = claimRows().size();

    Erasure erasure = admin.privacy().erase(ana, "request 2026-17 from " + RENAMED);

    Pseudonym pseudonym = Pseudonym.of(tenantId, ana);
    assertThat(erasure.erasedNow()).isTrue();
    assertThat(erasure.account().name()).isEqualTo(pseudonym.name()).startsWith("Erased user ");
    assertThat(erasure.account().email()).isEqualTo(pseudonym.email()).endsWith("@erased.invalid");
    assertThat(erasure.auditEntriesRewritten()).isPositive();
    assertThat(erasure.recordsRewritten()).isPositive();
    assertThat(admin.users().find(ana)).map(UserAccount::name).contains(pseudonym.name());
    assertThat(admin.users().find(ana)).map(UserAccount::status).contains(AccountStatus.ARCHIVED);
    assertThat(admin.claims().ofUser(ana)).usingRecursiveFieldByFieldElementComparatorIgnoringFields("reason", "version")
        .containsExactlyInAnyOrderElementsOf(claimsBefore);
    assertThat(admin.reports().dashboard().products()).isEqualTo(dashboardBefore.products());
    assertThat(claimRows()).hasSize((int) rowsBefore);
    assertThat(claimRows()).filteredOn(row -> row.user().equals(ana)).isNotEmpty()
        .allSatisfy(row -> {
          assertThat(row.userName()).isEqualTo(pseudonym.name());
          assertThat(row.email()).isEqualTo(pseudonym.email());
        });
    for (String old : List.of(NAME, RENAMED, EMAIL, "Zweistein", "ana.zweistein")) {
      assertThat(admin.bulk().count(UserFilter.builder().nameOrEmailContains(old).build())).as("search %s", old).isZero();
    }
    assertThat(admin.bulk().count(UserFilter.builder().nameOrEmailContains(pseudonym.name()).build())).isOne();
    StringWriter csv = new StringWriter();
    ClaimsCsvExport.of(admin.reports()).write(ClaimsQuery.builder().build(), csv);
    assertThat(csv.toString()).contains(pseudonym.name(), pseudonym.email()).doesNotContain("Zweistein", "ana.zweistein");
    assertThat(admin.audit().verify().intact()).isTrue();
    assertThat(everyText()).noneMatch(text -> text.contains("Zweistein") || text.contains("ana.zweistein"));
  }

  @Test
  void theErasureIsAuditedWithThePseudonymAndTheRewrittenEntriesButNotTheErasedData() {
    UserId ana = offboardedAna();

    admin.privacy().erase(ana, "request from " + EMAIL);

    assertThat(audited(ChangeType.PERSONAL_DATA_ERASED)).singleElement().satisfies(entry -> {
      assertThat(entry.actor()).isEqualTo(admin.actor());
      assertThat(entry.user()).contains(ana);
      assertThat(entry.subjectId()).isEqualTo(ana.value());
      assertThat(entry.after()).hasValueSatisfying(after -> assertThat(after)
          .contains(Pseudonym.of(tenantId, ana).name(), "audit entries rewritten: ").doesNotContain("Zweistein", "ana.zweistein"));
      assertThat(entry.reason()).contains("request from " + Pseudonym.of(tenantId, ana).email());
    });
    assertThat(events.published(ChangeType.PERSONAL_DATA_ERASED)).hasSize(1);
  }

  @Test
  void erasingTwiceChangesAndRecordsNothingMore() {
    UserId ana = offboardedAna();
    admin.privacy().erase(ana, "request 17");
    long entries = admin.audit().count(AuditQuery.builder().build());

    Erasure again = admin.privacy().erase(ana, "request 17");

    assertThat(again.erasedNow()).isFalse();
    assertThat(again.auditEntriesRewritten()).isZero();
    assertThat(again.account().name()).isEqualTo(Pseudonym.of(tenantId, ana).name());
    assertThat(admin.audit().count(AuditQuery.builder().build())).isEqualTo(entries);
    assertThat(admin.audit().verify().intact()).isTrue();
  }

  @Test
  void anAccountThatIsNotArchivedIsRefusedAndNothingIsWritten() {
    pool(OBSERVATION, 5);
    UserId ana = UserId.of("ana");
    admin.users().register(NewUser.builder().id(ana).name(NAME).email(EMAIL).jobProfile(TEACHER).addOrganizations(NORTH).build());
    long entries = admin.audit().count(AuditQuery.builder().build());

    assertConflict(() -> admin.privacy().erase(ana, "request 17"), ErrorCode.USER_NOT_ARCHIVED.name());
    admin.users().activate(ana);
    admin.users().suspend(ana, "leave");
    assertConflict(() -> admin.privacy().erase(ana, "request 17"), ErrorCode.USER_NOT_ARCHIVED.name());

    assertThat(admin.users().find(ana)).map(UserAccount::name).contains(NAME);
    assertThat(liveClaim(ana, OBSERVATION)).map(LicenseClaim::status).contains(ClaimStatus.PENDING);
    assertThat(admin.audit().count(AuditQuery.builder().build())).isEqualTo(entries + 2);
  }

  @Test
  void anUnknownUserAndABlankReasonAreRefused() {
    UserId ana = offboardedAna();

    assertThatThrownBy(() -> admin.privacy().erase(UserId.of("nobody"), "request 17"))
        .isInstanceOfSatisfying(NotFoundException.class, e -> assertThat(e.field()).isEqualTo("userId"));
    assertInvalid(() -> admin.privacy().erase(ana, " "), "reason");
    assertThat(admin.users().find(ana)).map(UserAccount::name).contains(RENAMED);
  }

  @Test
  void aBulkImportsBatchedInvitationLosesOnlyTheErasedPersonsNameAndAddress() {
    List<NewUser> imported = List.of(
        NewUser.builder().id(UserId.of("cy")).name("Cy Other").email("cy@example.org").build(),
        NewUser.builder().id(UserId.of("ana")).name(NAME).email(EMAIL).build(),
        NewUser.builder().id(UserId.of("di")).name("Di Other").email("di@example.org").build());
    admin.bulk().register(BulkRegistration.of(imported).chunkSize(10).build());
    admin.bulk().run(BulkRequest.where(UserFilter.builder().nameOrEmailContains(NAME).build())
        .action(BulkAction.offboard()).reason("left the district").build());
    OutboxMessage batch = store.outbox().list(tenantId, OutboxMessage.Status.DELIVERED, Optional.empty(), 100).stream()
        .filter(m -> m.topic() == OutboxMessage.Topic.NOTIFICATIONS).findFirst().orElseThrow();
    List<String> linesBefore = List.of(batch.payload().split("\n", -1));

    admin.privacy().erase(UserId.of("ana"), "request 18");

    List<String> lines = List.of(store.outbox().find(tenantId, batch.id()).orElseThrow().payload().split("\n", -1));
    Pseudonym pseudonym = Pseudonym.of(tenantId, UserId.of("ana"));
    assertThat(lines).hasSize(3);
    assertThat(lines.get(0)).isEqualTo(linesBefore.get(0)).contains("Cy+Other");
    assertThat(lines.get(2)).isEqualTo(linesBefore.get(2)).contains("Di+Other");
    assertThat(lines.get(1)).contains("user=ana", java.net.URLEncoder.encode(pseudonym.email(), java.nio.charset.StandardCharsets.UTF_8))
        .doesNotContain("Zweistein", "ana.zweistein");
  }

  @Test
  void aBulkImportsBatchOfEventsNamesPeopleByIdOnlyAndStaysWholeWhenOneOfThemIsErased() {
    List<NewUser> imported = List.of(
        NewUser.builder().id(UserId.of("cy")).name("Cy Other").email("cy@example.org").jobProfile(TEACHER).addOrganizations(NORTH).build(),
        NewUser.builder().id(UserId.of("ana")).name(NAME).email(EMAIL).jobProfile(TEACHER).addOrganizations(NORTH).build(),
        NewUser.builder().id(UserId.of("di")).name("Di Other").email("di@example.org").jobProfile(TEACHER).addOrganizations(NORTH).build());
    admin.bulk().register(BulkRegistration.of(imported).chunkSize(10).build());
    OutboxMessage batch = store.outbox().list(tenantId, OutboxMessage.Status.DELIVERED, Optional.empty(), 100).stream()
        .filter(m -> m.topic() == OutboxMessage.Topic.EVENTS).findFirst().orElseThrow();
    List<String> linesBefore = List.of(batch.payload().split("\n", -1));
    assertThat(linesBefore).as("every change of the three registrations").hasSizeGreaterThanOrEqualTo(6)
        .anySatisfy(line -> assertThat(line).contains("user=ana"))
        .noneSatisfy(line -> assertThat(line).containsAnyOf("Zweistein", "zweistein", "Cy+Other", "cy%40example.org"));
    admin.bulk().run(BulkRequest.where(UserFilter.builder().nameOrEmailContains(NAME).build())
        .action(BulkAction.offboard()).reason("left the district").build());

    admin.privacy().erase(UserId.of("ana"), "request 19");

    assertThat(List.of(store.outbox().find(tenantId, batch.id()).orElseThrow().payload().split("\n", -1)))
        .as("an event carries ids, never a name or an address: erasing leaves every line of the batch as it was")
        .containsExactlyElementsOf(linesBefore);
    assertThat(events.published()).filteredOn(e -> e.messageId().orElseThrow().startsWith(batch.id() + "/"))
        .hasSize(linesBefore.size());
  }

  @Test
  void theOtherTenantsAreUntouched() {
    UserId ana = offboardedAna();
    org.licensekit.core.ActorSession other = licensing.tenant(org.licensekit.core.domain.TenantId.of(tenantId.value() + "-other"))
        .as(admin.actor());
    other.users().register(NewUser.builder().id(ana).name(NAME).email(EMAIL).build());

    admin.privacy().erase(ana, "request 17");

    assertThat(other.users().find(ana)).map(UserAccount::name).contains(NAME);
    assertThat(other.audit().verify().intact()).isTrue();
  }

  private List<ClaimRow> claimRows() {
    return admin.reports().claims(ClaimsQuery.builder().limit(1000).build()).items();
  }

  /** Every text the public API shows of the tenant: accounts, claims, the audit trail, notifications sent. */
  @SuppressWarnings("deprecation")
  private List<String> everyText() {
    Stream<String> accounts = admin.users().list().stream().map(UserAccount::toString);
    Stream<String> claims = admin.users().list().stream().flatMap(user -> admin.claims().ofUser(user.id()).stream())
        .map(LicenseClaim::toString);
    Stream<String> audit = admin.audit().query(AuditQuery.builder().limit(10_000).build()).stream()
        .flatMap(entry -> Stream.of(entry.before(), entry.after(), entry.reason()).flatMap(Optional::stream));
    return Stream.of(accounts, claims, audit).flatMap(s -> s).collect(Collectors.toList());
  }
}
