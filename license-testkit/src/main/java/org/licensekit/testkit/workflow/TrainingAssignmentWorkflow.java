package org.licensekit.testkit.workflow;

import static org.assertj.core.api.Assertions.assertThat;
import static org.licensekit.core.api.DefaultCatalog.PROCTOR;
import static org.licensekit.core.api.DefaultCatalog.SPECIALIZED_STAFF;
import static org.licensekit.core.api.DefaultCatalog.TEACHER;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.licensekit.core.api.AccessDenial;
import org.licensekit.core.api.DenialReason;
import org.licensekit.core.domain.ChangeType;
import org.licensekit.core.domain.LicenseEvent;
import org.licensekit.core.domain.Product;
import org.licensekit.core.domain.Prerequisite;
import org.licensekit.core.domain.ProductType;
import org.licensekit.core.domain.TrainingAssignment;
import org.licensekit.core.domain.TrainingId;
import org.licensekit.core.domain.UserId;
import org.licensekit.core.spi.Notification;

/**
 * The guide's prerequisite steps — "verify prerequisite training is assigned", "check completion",
 * "confirm certification", "enable access once satisfied": assigning a product assigns the training
 * the user lacks, with a due date, a notification and an event; the troubleshooter tells never
 * assigned, assigned but not done (due date, overdue or not) and an expired certification apart;
 * recording the completion tells the user the product is now available.
 */
public abstract class TrainingAssignmentWorkflow extends WorkflowSupport {

  private static final Duration DUE_WITHIN = Duration.ofDays(30);

  @BeforeEach
  void pools() {
    pool(PROCTORING, 5);
    pool(EVALUATION, 5);
    pool(OBSERVATION, 5);
    pool(COACHING, 5);
  }

  @Test
  void assigningAProductAssignsTheMissingTrainingWithADueDateANotificationAndAnEvent() {
    UserId proctor = activeUser("proctor", SPECIALIZED_STAFF, NORTH);

    assertThat(admin.training().assignments(proctor)).singleElement().satisfies(assignment -> {
      assertThat(assignment.training()).isEqualTo(PROCTOR_TRAINING);
      assertThat(assignment.product()).contains(PROCTORING);
      assertThat(assignment.assignedAt()).isEqualTo(START);
      assertThat(assignment.dueAt()).isEqualTo(START.plus(DUE_WITHIN));
      assertThat(assignment.completed()).isFalse();
    });
    assertThat(notifier.sent(Notification.Kind.TRAINING_ASSIGNED)).singleElement().satisfies(n -> {
      assertThat(n.user()).isEqualTo(proctor);
      assertThat(n.attributes()).containsEntry("training", PROCTOR_TRAINING.value())
          .containsEntry("product", PROCTORING.value())
          .containsEntry("dueAt", START.plus(DUE_WITHIN).toString());
    });
    assertThat(events.published()).filteredOn(e -> e.type() == ChangeType.TRAINING_ASSIGNED).singleElement()
        .satisfies(e -> {
          assertThat(e.user()).contains(proctor);
          assertThat(e.product()).contains(PROCTORING);
        });
    assertThat(audited(ChangeType.TRAINING_ASSIGNED)).hasSize(1);
    assertThat(asUser(proctor).training().assignments(proctor)).isEqualTo(admin.training().assignments(proctor));
    assertThat(admin.users().profile(proctor).trainingAssignments()).isEqualTo(admin.training().assignments(proctor));
  }

  @Test
  void productsWithoutPrerequisitesOrWithTrainingDoneAssignNothing() {
    UserId teacher = activeUser("teacher", TEACHER, NORTH);
    UserId proctor = activeUserWithoutRoles("proctor", NORTH);
    admin.training().recordCompletion(proctor, PROCTOR_TRAINING, START.minus(Duration.ofDays(3)));

    admin.assignments().assignRole(proctor, NORTH, PROCTOR);

    assertThat(admin.training().assignments(teacher)).isEmpty();
    assertThat(admin.training().assignments(proctor)).isEmpty();
    assertThat(notifier.sent(Notification.Kind.TRAINING_ASSIGNED)).isEmpty();
  }

  @Test
  void assigningAgainWhileTheTrainingIsOpenKeepsTheFirstAssignment() {
    UserId proctor = activeUser("proctor", SPECIALIZED_STAFF, NORTH);
    TrainingAssignment first = admin.training().assignments(proctor).get(0);
    admin.assignments().revokeProduct(proctor, PROCTORING, "wrong school");
    clock.advance(Duration.ofDays(2));

    admin.assignments().assignProduct(proctor, PROCTORING, "right school");

    assertThat(admin.training().assignments(proctor)).containsExactly(first);
    assertThat(notifier.sent(Notification.Kind.TRAINING_ASSIGNED)).hasSize(1);
  }

  @Test
  void theTroubleshooterTellsAssignedButNotDoneWithTheDueDateAndWhenItIsOverdue() {
    UserId proctor = activeUser("proctor", SPECIALIZED_STAFF, NORTH);
    Instant due = START.plus(DUE_WITHIN);

    AccessDenial onTime = tenant.access().check(proctor, PROCTORING).reasons().get(0);
    clock.set(due.plusSeconds(1));
    AccessDenial late = tenant.access().check(proctor, PROCTORING).reasons().get(0);

    assertThat(onTime.reason()).isEqualTo(DenialReason.TRAINING_NOT_COMPLETED);
    assertThat(onTime.detail()).contains(PROCTOR_TRAINING.value(), "due at " + due, "not overdue");
    assertThat(late.reason()).isEqualTo(DenialReason.TRAINING_NOT_COMPLETED);
    assertThat(late.detail()).contains("due at " + due).endsWith(", overdue");
  }

  @Test
  void theTroubleshooterTellsTrainingNeverAssigned() {
    UserId teacher = activeUser("teacher", TEACHER, NORTH);
    claimed(teacher, OBSERVATION);
    TrainingId safety = TrainingId.of("safety-course");
    admin.catalog().defineProduct(Product.builder().id(OBSERVATION).name("Observation").type(ProductType.OBSERVATION_TOOL)
        .addPrerequisites(Prerequisite.training(safety)).build());

    assertThat(tenant.access().check(teacher, OBSERVATION).reasons()).singleElement().satisfies(denial -> {
      assertThat(denial.reason()).isEqualTo(DenialReason.TRAINING_NOT_ASSIGNED);
      assertThat(denial.detail()).contains(safety.value());
    });

    admin.training().assign(teacher, safety, START.plus(Duration.ofDays(7)));

    assertThat(tenant.access().check(teacher, OBSERVATION).reasonCodes()).containsExactly(DenialReason.TRAINING_NOT_COMPLETED);
    assertThat(admin.training().assignments(teacher)).singleElement().satisfies(a -> {
      assertThat(a.product()).isEmpty();
      assertThat(a.dueAt()).isEqualTo(START.plus(Duration.ofDays(7)));
    });
    assertThat(notifier.sent(Notification.Kind.TRAINING_ASSIGNED)).extracting(Notification::user).containsExactly(teacher);
  }

  @Test
  void anExpiredCertificationIsToldApartAndAssignedAgainWithTheProduct() {
    UserId principal = activeUserWithoutRoles("principal", NORTH);
    Instant expiry = START.plus(Duration.ofDays(10));
    admin.training().recordCertification(principal, EVALUATOR_CERTIFICATION, START.minus(Duration.ofDays(300)), expiry);
    admin.assignments().assignProduct(principal, EVALUATION, "evaluator this year");
    claimed(principal, EVALUATION);
    assertThat(admin.training().assignments(principal)).as("certified: nothing to assign").isEmpty();
    clock.set(expiry.plusSeconds(60));

    assertThat(tenant.access().check(principal, EVALUATION).reasonCodes()).containsExactly(DenialReason.CERTIFICATION_EXPIRED);

    admin.assignments().revokeProduct(principal, EVALUATION, "lapsed");
    admin.assignments().assignProduct(principal, EVALUATION, "renewing");
    assertThat(admin.training().assignments(principal)).singleElement()
        .satisfies(a -> assertThat(a.training()).isEqualTo(EVALUATOR_CERTIFICATION));
    assertThat(tenant.access().check(principal, EVALUATION).reasonCodes())
        .as("an expired certification stays told apart from open training")
        .containsExactly(DenialReason.CERTIFICATION_EXPIRED, DenialReason.CLAIM_PENDING);
  }

  @Test
  void recordingTheCompletionClosesTheAssignmentAndTellsTheUserTheProductIsAvailable() {
    UserId proctor = activeUser("proctor", SPECIALIZED_STAFF, NORTH);
    Instant completedAt = START.plus(Duration.ofDays(1));
    clock.set(completedAt.plusSeconds(1));

    admin.training().recordCompletion(proctor, PROCTOR_TRAINING, completedAt);

    assertThat(admin.training().assignments(proctor)).singleElement()
        .satisfies(a -> assertThat(a.completedAt()).contains(completedAt));
    assertThat(notifier.sent(Notification.Kind.PRODUCT_AVAILABLE)).singleElement().satisfies(n -> {
      assertThat(n.user()).isEqualTo(proctor);
      assertThat(n.attributes()).containsEntry("product", PROCTORING.value()).containsEntry("training", PROCTOR_TRAINING.value());
    });
    assertThat(events.published()).extracting(LicenseEvent::type).contains(ChangeType.TRAINING_ASSIGNMENT_COMPLETED);
    assertThat(tenant.access().check(proctor, PROCTORING).reasonCodes()).containsExactly(DenialReason.CLAIM_PENDING);
  }

  @Test
  void aCompletionThatLeavesAnotherPrerequisiteOpenMakesNothingAvailable() {
    TrainingId ethics = TrainingId.of("ethics");
    admin.catalog().defineProduct(Product.builder().id(PROCTORING).name("Proctoring").type(ProductType.ASSESSMENT_TOOL)
        .addPrerequisites(Prerequisite.training(PROCTOR_TRAINING), Prerequisite.training(ethics)).build());
    UserId proctor = activeUser("proctor", SPECIALIZED_STAFF, NORTH);
    assertThat(admin.training().assignments(proctor)).extracting(TrainingAssignment::training).containsExactly(ethics, PROCTOR_TRAINING);

    admin.training().recordCompletion(proctor, PROCTOR_TRAINING, START);

    assertThat(notifier.sent(Notification.Kind.PRODUCT_AVAILABLE)).isEmpty();
    assertThat(tenant.access().check(proctor, PROCTORING).reasonCodes())
        .containsExactly(DenialReason.TRAINING_NOT_COMPLETED, DenialReason.CLAIM_PENDING);

    admin.training().recordCompletion(proctor, ethics, START);

    assertThat(notifier.sent(Notification.Kind.PRODUCT_AVAILABLE)).extracting(n -> n.attributes().get("product"))
        .containsExactly(PROCTORING.value());
  }

  @Test
  void aCompletionRecordedForLaterCountsNotYetAndMakesNothingAvailableYet() {
    UserId proctor = activeUser("proctor", SPECIALIZED_STAFF, NORTH);

    admin.training().recordCompletion(proctor, PROCTOR_TRAINING, START.plus(Duration.ofDays(2)));

    assertThat(notifier.sent(Notification.Kind.PRODUCT_AVAILABLE)).isEmpty();
    assertThat(admin.training().assignments(proctor).get(0).completedAt()).contains(START.plus(Duration.ofDays(2)));
    assertThat(tenant.access().check(proctor, PROCTORING).reasonCodes())
        .containsExactly(DenialReason.TRAINING_NOT_COMPLETED, DenialReason.CLAIM_PENDING);
  }
}
