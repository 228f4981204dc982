package org.licensekit.core.domain;

import com.google.common.collect.ImmutableSet;
import java.util.Objects;
import java.util.Set;

/**
 * Role-based assignment: the roles a job function gets, such as Teacher → Observable or
 * Administrator → Observer + Evaluator.
 */
public record JobProfile(JobProfileId id, String name, Set<RoleId> roles) {

  public JobProfile {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(name, "name");
    roles = ImmutableSet.copyOf(roles);
  }

  public static JobProfile of(JobProfileId id, String name, Set<RoleId> roles) {
    return new JobProfile(id, name, roles);
  }
}
