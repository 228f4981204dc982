package org.licensekit.core.internal.reports;

import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;
import org.licensekit.core.api.report.ClaimRow;
import org.licensekit.core.api.report.ClaimsQuery;
import org.licensekit.core.api.report.Page;
import org.licensekit.core.internal.Context;
import org.licensekit.core.internal.Lookups;
import org.licensekit.core.spi.report.ClaimsPosition;
import org.licensekit.core.spi.report.ClaimsSelection;
import org.licensekit.core.spi.TrainingCriterion;

/**
 * Pages through the claims report (resolves filters, decodes the cursor, asks for one row more than
 * a page), or streams every row of it for an export.
 */
final class ClaimsReport {

  private final Context context;
  private final ReportScope scope;

  ClaimsReport(Context context) {
    this.context = context;
    this.scope = new ReportScope(context);
  }

  Page<ClaimRow> page(ClaimsQuery query) {
    Optional<ClaimsPosition> after = after(query);
    ClaimsSelection selection = selection(query);
    List<ClaimRow> rows = context.store().reports().claims(context.tenant(), selection, after, query.limit() + 1);
    if (rows.size() <= query.limit()) {
      return new Page<>(rows, Optional.empty());
    }
    List<ClaimRow> page = rows.subList(0, query.limit());
    return new Page<>(page, Optional.of(ClaimsCursor.after(page.get(page.size() - 1), query.sortBy(), query.direction())));
  }

  /** Every row from the query's cursor on, streamed by the store. */
  long forEach(ClaimsQuery query, Consumer<? super ClaimRow> sink) {
    Optional<ClaimsPosition> after = after(query);
    return context.store().reports().forEachClaim(context.tenant(), selection(query), after, sink::accept);
  }

  private static Optional<ClaimsPosition> after(ClaimsQuery query) {
    return query.cursor().map(c -> ClaimsCursor.position(c, query.sortBy(), query.direction()));
  }

  private ClaimsSelection selection(ClaimsQuery query) {
    Lookups lookups = new Lookups(context.store(), context.tenant());
    query.user().ifPresent(lookups::user);
    query.product().ifPresent(lookups::product);
    query.role().ifPresent(lookups::role);
    return new ClaimsSelection(query.dateField(), query.from(), query.to(), query.user(), query.product(),
        query.statuses(), scope.subtree(query.organization()), query.role(), query.sortBy(), query.direction(),
        query.training().map(condition -> new TrainingCriterion(condition, context.ports().clock().instant())));
  }
}
