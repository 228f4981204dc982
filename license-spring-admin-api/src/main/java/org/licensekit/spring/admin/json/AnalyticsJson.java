package org.licensekit.spring.admin.json;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;
import java.util.Map;

/**
 * Usage analytics for a period: activation, engagement, completion and the trend.
 *
 * @param from the first day of the period
 * @param to the day after the period
 * @param activation how many assigned claims were activated, and how fast
 * @param engagement how often claimants launch the product
 * @param completion content progress, for learning content
 * @param trend the period in days or weeks
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record AnalyticsJson(String from, String to, ActivationJson activation, EngagementJson engagement, CompletionJson completion,
    List<TrendPointJson> trend) {

  /**
   * Activation of claims assigned in the period.
   *
   * @param assigned claims assigned
   * @param activated of those, claimed
   * @param rate activated divided by assigned
   * @param meanTimeToClaim the mean time from assignment to claim (ISO-8601 duration), if any was claimed
   * @param medianTimeToClaim the median time from assignment to claim, if any was claimed
   */
  @JsonInclude(JsonInclude.Include.NON_NULL)
  public record ActivationJson(int assigned, int activated, double rate, String meanTimeToClaim, String medianTimeToClaim) {}

  /**
   * Engagement of claimants.
   *
   * @param claimants users holding an active claim
   * @param usedLast7Days claimants who launched in the last 7 days of the period
   * @param usedLast30Days claimants who launched in the last 30 days of the period
   * @param launches launches in the period
   * @param bands claimants per engagement band ({@code HIGH}, {@code MEDIUM}, {@code LOW}, {@code NONE})
   */
  public record EngagementJson(int claimants, int usedLast7Days, int usedLast30Days, long launches, Map<String, Integer> bands) {}

  /**
   * Content completion.
   *
   * @param claimants claimants with progress recorded
   * @param meanProgress their mean progress, in percent
   * @param completed how many completed the content
   */
  public record CompletionJson(int claimants, double meanProgress, int completed) {}

  /**
   * One day or week of the trend.
   *
   * @param start its first day
   * @param assignments claims assigned
   * @param activations claims activated
   * @param launches launches
   * @param userDays distinct users per day, summed
   */
  public record TrendPointJson(String start, int assignments, int activations, long launches, int userDays) {}
}
