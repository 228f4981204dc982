/**
 * Reports and analytics: the license dashboard, the claims report with keyset pages, unused
 * licenses and what to do about them, usage analytics, and reconciliation of license-count
 * discrepancies. Reached through {@link org.licensekit.core.ActorSession#reports()} and
 * {@link org.licensekit.core.ActorSession#usage()}. Queries validate themselves when built and
 * refuse bad input with {@link org.licensekit.core.InvalidInputException} naming each bad field.
 */
package org.licensekit.core.api.report;
