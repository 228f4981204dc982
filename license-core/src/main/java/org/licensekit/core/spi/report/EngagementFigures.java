package org.licensekit.core.spi.report;

/**
 * Engagement and progress of the claimants of a selection (see {@code ReportStore.engagement}).
 *
 * @param claimants distinct user × product pairs with a claim active at the end of the period
 * @param usedLast7Days claimants with launches on a day in [to − 7 days, to)
 * @param usedLast30Days claimants with launches on a day in [to − 30 days, to)
 * @param launches the claimants' launches on days in [from, to)
 * @param high claimants with at least {@code highAtLeast} launches in [from, to)
 * @param medium claimants with at least {@code mediumAtLeast} but fewer than {@code highAtLeast}
 * @param low claimants with at least one launch but fewer than {@code mediumAtLeast}
 * @param none claimants without a launch in [from, to)
 * @param progressSum the sum over claimants of the highest progress recorded on a day before
 *     {@code to} (0 when none)
 * @param completed claimants whose highest progress so recorded is 100
 */
public record EngagementFigures(
    int claimants, int usedLast7Days, int usedLast30Days, long launches,
    int high, int medium, int low, int none, long progressSum, int completed) {}
