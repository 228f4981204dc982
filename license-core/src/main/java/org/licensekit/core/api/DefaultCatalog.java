package org.licensekit.core.api;

import java.util.List;
import java.util.Set;
import org.licensekit.core.domain.JobProfile;
import org.licensekit.core.domain.JobProfileId;
import org.licensekit.core.domain.RoleId;

/** The admin guide's default role boxes and role-based job profiles. */
public final class DefaultCatalog {

  /** Proctor Access: enables proctoring of assessments. */
  public static final RoleId PROCTOR = RoleId.of("PROCTOR");
  /** Observable: can be observed in performance evaluations. */
  public static final RoleId OBSERVABLE = RoleId.of("OBSERVABLE");
  /** Observer: can conduct observations of other users. */
  public static final RoleId OBSERVER = RoleId.of("OBSERVER");
  /** Evaluator: can evaluate and conduct formal assessments. */
  public static final RoleId EVALUATOR = RoleId.of("EVALUATOR");
  /** Reporter: access to analytics and reporting features. */
  public static final RoleId REPORTER = RoleId.of("REPORTER");

  public static final JobProfileId TEACHER = JobProfileId.of("TEACHER");
  public static final JobProfileId ADMINISTRATOR = JobProfileId.of("ADMINISTRATOR");
  public static final JobProfileId SPECIALIZED_STAFF = JobProfileId.of("SPECIALIZED_STAFF");

  /** A default role's id, name and description. */
  public record RoleInfo(RoleId id, String name, String description) {}

  private DefaultCatalog() {}

  /** The five default roles in the guide's order. */
  public static List<RoleInfo> roles() {
    return List.of(
        new RoleInfo(PROCTOR, "Proctor Access", "Enables proctoring of assessments"),
        new RoleInfo(OBSERVABLE, "Observable", "Can be observed in performance evaluations"),
        new RoleInfo(OBSERVER, "Observer", "Can conduct observations of other users"),
        new RoleInfo(EVALUATOR, "Evaluator", "Can evaluate and conduct formal assessments"),
        new RoleInfo(REPORTER, "Reporter", "Access to analytics and reporting features"));
  }

  /** Teacher → Observable; Administrator → Observer + Evaluator; Specialized staff → Proctor. */
  public static List<JobProfile> jobProfiles() {
    return List.of(
        JobProfile.of(TEACHER, "Teachers and Staff", Set.of(OBSERVABLE)),
        JobProfile.of(ADMINISTRATOR, "Administrators", Set.of(OBSERVER, EVALUATOR)),
        JobProfile.of(SPECIALIZED_STAFF, "Specialized Staff", Set.of(PROCTOR)));
  }
}
