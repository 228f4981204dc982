package org.licensekit.spring.admin.json;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;

/**
 * One user's profile: what the troubleshooting guide looks at first.
 *
 * @param account the account
 * @param jobProfile the job profile the user was set up with, if any
 * @param organizations one entry per membership, ordered by organization id
 * @param claims every claim, newest assignment first
 * @param training the training completions and certifications
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ProfileJson(UserJson account, String jobProfile, List<Membership> organizations, List<ClaimJson> claims,
    List<TrainingJson> training) {

  /**
   * A membership with the roles held in it.
   *
   * @param organization the organization id
   * @param name the organization's name
   * @param roles the roles held there
   */
  public record Membership(String organization, String name, List<RoleHoldingJson> roles) {}

  /**
   * A role held in an organization.
   *
   * @param role the role id
   * @param source {@code JOB_PROFILE} or {@code GRANTED}
   * @param grants the products the role grants
   */
  public record RoleHoldingJson(String role, String source, List<String> grants) {}

  /**
   * A training completion or certification.
   *
   * @param training the training id
   * @param completedAt when it was completed
   * @param expiresAt when the certification expires, if it does
   */
  @JsonInclude(JsonInclude.Include.NON_NULL)
  public record TrainingJson(String training, String completedAt, String expiresAt) {}
}
