package org.licensekit.examples.lms;

import org.licensekit.core.domain.OrganizationId;
import org.licensekit.core.domain.PoolId;
import org.licensekit.core.domain.ProductId;
import org.licensekit.core.domain.TrainingId;
import org.licensekit.core.domain.UserId;

/** The names the seeded district uses: its schools, products, trainings, pools and a few known users. */
public final class DemoUsers {

  /** The district, the root organization. */
  public static final OrganizationId DISTRICT = OrganizationId.of("riverside");
  /** The district office, where the reporters work. */
  public static final OrganizationId DISTRICT_OFFICE = OrganizationId.of("district-office");
  /** Riverside High School. */
  public static final OrganizationId RIVERSIDE_HIGH = OrganizationId.of("riverside-high");
  /** Washington High School. */
  public static final OrganizationId WASHINGTON_HIGH = OrganizationId.of("washington-high");
  /** Lincoln Middle School. */
  public static final OrganizationId LINCOLN_MIDDLE = OrganizationId.of("lincoln-middle");
  /** Oak Elementary. */
  public static final OrganizationId OAK_ELEMENTARY = OrganizationId.of("oak-elementary");
  /** Maple Elementary. */
  public static final OrganizationId MAPLE_ELEMENTARY = OrganizationId.of("maple-elementary");

  /** Classroom Observation: teachers are observed, administrators observe. */
  public static final ProductId OBSERVATION = ProductId.of("observation");
  /** Instructional Coaching Library: learning content for teachers. */
  public static final ProductId COACHING = ProductId.of("coaching");
  /** Educator Evaluation Suite: needs the evaluator training. */
  public static final ProductId EVALUATION = ProductId.of("evaluation");
  /** Secure Assessment Proctoring: needs a current proctor certification. */
  public static final ProductId PROCTORING = ProductId.of("proctoring");
  /** District Analytics, for reporters. */
  public static final ProductId ANALYTICS = ProductId.of("analytics");

  /** The training the evaluation suite requires. */
  public static final TrainingId EVALUATOR_TRAINING = TrainingId.of("evaluator-training");
  /** The certification proctoring requires; it expires after a year. */
  public static final TrainingId PROCTOR_CERTIFICATION = TrainingId.of("proctor-certification");

  /** The analytics trial, whose term ended a few days ago with its claims still active. */
  public static final PoolId ANALYTICS_TRIAL = PoolId.of("analytics-trial");

  /** Ana Lopez, a teacher at Riverside High with an active observation license. */
  public static final UserId ANA = UserId.of("ana.lopez");
  /** Ben Okafor, a new teacher at Oak Elementary whose observation license is pending. */
  public static final UserId BEN = UserId.of("ben.okafor");

  private DemoUsers() {}
}
