package org.licensekit.spring.admin.json;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;

/**
 * The dashboard: seats per product and in total, and alerts.
 *
 * @param at when the figures were read
 * @param organization the organization the dashboard is narrowed to, if any
 * @param products the figures per product
 * @param total the figures of every product together
 * @param alerts what needs attention
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record DashboardJson(String at, String organization, List<ProductSeatsJson> products, SeatsJson total, List<AlertJson> alerts) {

  /**
   * One product's figures.
   *
   * @param product the product id
   * @param name the product's name
   * @param seats the seat figures
   * @param claims claims by status
   */
  public record ProductSeatsJson(String product, String name, SeatsJson seats, ClaimCountsJson claims) {}

  /**
   * Claims counted by status.
   *
   * @param pending pending claims
   * @param active active claims
   * @param expired expired claims
   * @param revoked revoked claims
   */
  public record ClaimCountsJson(int pending, int active, int expired, int revoked) {}

  /**
   * An alert.
   *
   * @param kind {@code POOL_OVER_ALLOCATED}, {@code POOL_EXPIRING}, {@code LOW_AVAILABILITY} or {@code CLAIMS_PENDING_TOO_LONG}
   * @param product the product
   * @param pool the pool, when the alert is about one
   * @param count how many seats or claims are concerned
   * @param at the instant the alert is about, if any
   * @param message the alert in words
   */
  @JsonInclude(JsonInclude.Include.NON_NULL)
  public record AlertJson(String kind, String product, String pool, int count, String at, String message) {}
}
