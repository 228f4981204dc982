package org.licensekit.core.api;

import java.util.List;
import org.licensekit.core.domain.AuditEntry;

/** Detailed records of every change. */
public interface AuditTrail {

  List<AuditEntry> query(AuditQuery query);
}
