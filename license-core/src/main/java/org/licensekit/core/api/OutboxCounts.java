package org.licensekit.core.api;

/**
 * How many of a tenant's outbox messages are in each state.
 *
 * @param pending not delivered yet (due now or waiting for their next attempt)
 * @param delivered delivered
 * @param dead failed every attempt: dead letters
 * @param discarded dead letters the host gave up
 */
public record OutboxCounts(long pending, long delivered, long dead, long discarded) {}
