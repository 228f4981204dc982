package org.licensekit.core.internal.reports;

import java.util.List;
import java.util.Optional;
import org.licensekit.core.api.AuditQuery;
import org.licensekit.core.api.AuditTrail;
import org.licensekit.core.domain.AuditEntry;
import org.licensekit.core.internal.Context;
import org.licensekit.core.policy.Operation;

public final class AuditService implements AuditTrail {

  private final Context context;

  public AuditService(Context context) {
    this.context = context;
  }

  @Override
  public List<AuditEntry> query(AuditQuery query) {
    return context.query(Operation.READ_AUDIT, Optional.empty(), () -> context.validate(query),
        () -> context.store().audit().query(context.tenant(), query));
  }
}
