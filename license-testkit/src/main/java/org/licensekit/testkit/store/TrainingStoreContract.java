package org.licensekit.testkit.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.licensekit.testkit.fixtures.Fixtures.day;
import static org.licensekit.testkit.fixtures.Fixtures.training;

import org.junit.jupiter.api.Test;
import org.licensekit.core.domain.ProductId;
import org.licensekit.core.domain.TrainingAssignment;
import org.licensekit.core.domain.TrainingId;
import org.licensekit.core.domain.TrainingRecord;
import org.licensekit.core.domain.UserId;
import org.licensekit.core.spi.TrainingStore;

/** The contract of {@link TrainingStore}: one record per user × training, listed in training id order. */
public abstract class TrainingStoreContract extends StoreContractSupport {

  private static final UserId ANA = UserId.of("ana");

  private TrainingStore records() {
    return store.training();
  }

  @Test
  void certificationKeepsItsExpiry() {
    TrainingRecord certification = training("ana", "observer-cert").completedAt(day(3)).expiresAt(day(368)).build();

    records().save(tenant, certification);

    assertThat(records().listForUser(tenant, ANA)).containsExactly(certification);
  }

  @Test
  void trainingWithoutExpiryRoundTrips() {
    TrainingRecord course = training("ana", "observer-basics").completedAt(day(1)).build();

    records().save(tenant, course);

    TrainingRecord found = records().listForUser(tenant, ANA).get(0);
    assertThat(found).isEqualTo(course);
    assertThat(found.expiresAt()).isEmpty();
  }

  @Test
  void savingTheSameTrainingAgainReplacesTheRecord() {
    records().save(tenant, training("ana", "observer-cert").completedAt(day(1)).expiresAt(day(30)).build());
    TrainingRecord renewed = training("ana", "observer-cert").completedAt(day(29)).expiresAt(day(394)).build();

    records().save(tenant, renewed);

    assertThat(records().listForUser(tenant, ANA)).containsExactly(renewed);
  }

  @Test
  void aUsersRecordsAreListedInTrainingIdOrderWithoutOtherUsers() {
    records().save(tenant, training("ana", "safety").build());
    records().save(tenant, training("ana", "observer-basics").build());
    records().save(tenant, training("bo", "literacy").build());
    records().save(tenant, training("ana", "literacy").build());

    assertThat(records().listForUser(tenant, ANA)).extracting(TrainingRecord::training)
        .containsExactly(TrainingId.of("literacy"), TrainingId.of("observer-basics"), TrainingId.of("safety"));
    assertThat(records().listForUser(tenant, UserId.of("bo"))).extracting(TrainingRecord::training)
        .containsExactly(TrainingId.of("literacy"));
    assertThat(records().listForUser(tenant, UserId.of("nobody"))).isEmpty();
  }

  @Test
  void manyUsersRecordsAreReadAtOnceAsEachUsersOwnList() {
    records().save(tenant, training("ana", "safety").build());
    records().save(tenant, training("ana", "literacy").build());
    records().save(tenant, training("bo", "literacy").build());
    records().save(otherTenant, training("cy", "literacy").build());

    java.util.Map<UserId, java.util.List<TrainingRecord>> found = records().listForUsers(tenant,
        java.util.List.of(ANA, UserId.of("bo"), UserId.of("cy"), UserId.of("nobody")));

    assertThat(found).containsOnlyKeys(ANA, UserId.of("bo"), UserId.of("cy"), UserId.of("nobody"));
    assertThat(found.get(ANA)).isEqualTo(records().listForUser(tenant, ANA));
    assertThat(found.get(UserId.of("bo"))).isEqualTo(records().listForUser(tenant, UserId.of("bo")));
    assertThat(found.get(UserId.of("cy"))).as("another tenant's records").isEmpty();
    assertThat(found.get(UserId.of("nobody"))).isEmpty();
    assertThat(records().listForUsers(tenant, java.util.List.of())).isEmpty();
  }

  @Test
  void tenantsNeverSeeEachOthersRecords() {
    TrainingRecord ours = training("ana", "safety").completedAt(day(1)).build();
    TrainingRecord theirs = training("ana", "safety").completedAt(day(2)).build();

    records().save(tenant, ours);
    records().save(otherTenant, theirs);

    assertThat(records().listForUser(tenant, ANA)).containsExactly(ours);
    assertThat(records().listForUser(otherTenant, ANA)).containsExactly(theirs);
  }

  @Test
  void assignmentsRoundTripAreReplacedPerTrainingAndListedInTrainingIdOrderPerTenantAndUser() {
    TrainingAssignment safety = TrainingAssignment.builder().user(ANA).training(TrainingId.of("safety"))
        .assignedAt(day(1)).dueAt(day(31)).build();
    TrainingAssignment literacy = TrainingAssignment.builder().user(ANA).training(TrainingId.of("literacy"))
        .product(ProductId.of("proctoring")).assignedAt(day(2)).dueAt(day(32)).build();
    TrainingAssignment bos = TrainingAssignment.builder().from(safety).user(UserId.of("bo")).build();

    records().saveAssignment(tenant, safety);
    records().saveAssignment(tenant, literacy);
    records().saveAssignment(tenant, bos);
    records().saveAssignment(otherTenant, TrainingAssignment.builder().from(safety).dueAt(day(90)).build());

    assertThat(records().assignmentsOf(tenant, ANA)).containsExactly(literacy, safety);
    TrainingAssignment completed = TrainingAssignment.builder().from(literacy).completedAt(day(10)).build();
    records().saveAssignment(tenant, completed);
    assertThat(records().assignmentsOf(tenant, ANA)).containsExactly(completed, safety);
    assertThat(records().assignmentsOf(tenant, UserId.of("bo"))).containsExactly(bos);
    assertThat(records().assignmentsOf(otherTenant, ANA)).extracting(TrainingAssignment::dueAt).containsExactly(day(90));
    assertThat(records().assignmentsOf(tenant, UserId.of("nobody"))).isEmpty();
    assertThat(records().listForUser(tenant, ANA)).as("assignments are not records").isEmpty();
  }
}
