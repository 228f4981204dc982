package org.licensekit.core.spi;

import java.util.List;
import org.licensekit.core.api.AuditQuery;
import org.licensekit.core.domain.AuditEntry;
import org.licensekit.core.domain.TenantId;

/** The append-only audit trail. */
public interface AuditStore {

  void append(TenantId tenant, List<AuditEntry> entries);

  /** Entries matching the query, oldest first (in the order they were appended), at most {@code query.limit()}. */
  List<AuditEntry> query(TenantId tenant, AuditQuery query);
}
