package org.licensekit.spring.admin.json;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * A license pool with its seats in use.
 *
 * @param id the pool id
 * @param product the product the seats are for
 * @param seats seats bought
 * @param seatsInUse seats held by live (pending or active) claims
 * @param free seats neither pending nor active
 * @param termStart when the term starts (instant)
 * @param termEnd when the term ends: the expiration (instant)
 * @param renewalDate the contract renewal date, if any
 * @param reference the purchase reference, if any
 * @param scope the organization the pool serves, if not the whole tenant
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record PoolJson(String id, String product, int seats, int seatsInUse, int free, String termStart, String termEnd,
    String renewalDate, String reference, String scope) {}
