/**
 * Reports and analytics: the license dashboard, the claims report with keyset pages, unused
 * licenses and what to do about them, usage analytics, and reconciliation of license-count
 * discrepancies. Reached through {@link org.licensekit.core.ActorSession#reports()} and
 * {@link org.licensekit.core.ActorSession#usage()}. Queries are Immutables values that validate
 * themselves when built, through the same {@link org.licensekit.core.InputValidator} as commands,
 * and refuse bad input with {@link org.licensekit.core.InvalidInputException} naming each bad
 * field (they are sealed to their generated implementation, so none escapes the check); every paged query is a {@link org.licensekit.core.api.report.PageRequest}. Their builders
 * copy another value with {@code mergeFrom(…)}, since {@code from} names the start of a date range.
 */
@Value.Style(
    from = "mergeFrom",
    visibility = Value.Style.ImplementationVisibility.PUBLIC,
    builderVisibility = Value.Style.BuilderVisibility.PUBLIC,
    optionalAcceptNullable = false)
package org.licensekit.core.api.report;

import org.immutables.value.Value;
