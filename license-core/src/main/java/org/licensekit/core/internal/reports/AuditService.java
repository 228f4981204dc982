package org.licensekit.core.internal.reports;

import java.util.List;
import java.util.Optional;
import org.licensekit.core.InvalidInputException;
import org.licensekit.core.api.AuditQuery;
import org.licensekit.core.api.AuditTrail;
import org.licensekit.core.api.AuditVerification;
import org.licensekit.core.api.report.Page;
import org.licensekit.core.domain.AuditEntry;
import org.licensekit.core.domain.AuditLink;
import org.licensekit.core.internal.Context;
import org.licensekit.core.internal.Target;
import org.licensekit.core.policy.Operation;

public final class AuditService implements AuditTrail {

  private final Context context;

  public AuditService(Context context) {
    this.context = context;
  }

  /**
   * A query for one user's entries touches that user; an organization-scoped actor reads the trail
   * only one user of its reach at a time (entries carry no organization), so a query for every user
   * reaches the whole tenant.
   */
  private static Target ofUser(AuditQuery query) {
    return Optional.ofNullable(query).flatMap(AuditQuery::user).map(Target::user).orElse(Target.none());
  }

  @Override
  @Deprecated(since = "0.1.0")
  public List<AuditEntry> query(AuditQuery query) {
    return context.query(Operation.READ_AUDIT, ofUser(query), () -> {
      if (query.cursor().isPresent()) {
        throw InvalidInputException.of("cursor", "is only for page(); query() always starts at the oldest entry");
      }
    }, () -> context.store().audit().query(context.tenant(), query));
  }

  @Override
  public Page<AuditEntry> page(AuditQuery query) {
    long[] before = {Long.MAX_VALUE};
    return context.query(Operation.READ_AUDIT, ofUser(query), () -> {
      before[0] = query.cursor().map(AuditCursor::position).orElse(Long.MAX_VALUE);
    }, () -> {
      List<AuditLink> links = context.store().audit().newestFirst(context.tenant(), query, before[0], query.limit() + 1);
      boolean more = links.size() > query.limit();
      List<AuditLink> shown = more ? links.subList(0, query.limit()) : links;
      Optional<String> next = more ? Optional.of(AuditCursor.before(shown.get(shown.size() - 1).position())) : Optional.empty();
      return new Page<>(shown.stream().map(AuditLink::entry).toList(), next);
    });
  }

  @Override
  public long count(AuditQuery query) {
    return context.query(Operation.READ_AUDIT, ofUser(query), () -> context.store().audit().count(context.tenant(), query));
  }

  @Override
  public AuditVerification verify() {
    return context.query(Operation.VERIFY_AUDIT, Optional.empty(),
        () -> new AuditVerifier(context.store().audit(), context.tenant()).verify());
  }
}
