package org.licensekit.spring.admin.json;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.Map;

/**
 * Seat figures of a product, or of every product together.
 *
 * @param purchased seats bought in pools in term
 * @param pending seats held by pending claims
 * @param claimed seats held by active claims
 * @param available seats free
 * @param assigned pending plus claimed
 * @param activationRate claimed divided by assigned (0 when nothing is assigned)
 * @param expiringWithinDays seats whose pool term ends within each window (key: days)
 * @param nextExpiration the soonest end of a pool term, if any
 * @param nextRenewal the soonest renewal date, if any
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record SeatsJson(int purchased, int pending, int claimed, int available, int assigned, double activationRate,
    Map<String, Integer> expiringWithinDays, String nextExpiration, String nextRenewal) {}
