package org.licensekit.core.api;

import java.util.List;
import org.licensekit.core.domain.AuditEntry;

/** Detailed records of every change. */
public interface AuditTrail {

  /**
   * The entries the query selects, oldest first.
   *
   * @throws org.licensekit.core.NotAuthorizedException when the actor may not read the audit trail
   * @throws org.licensekit.core.InvalidInputException naming each bad field of the query
   */
  List<AuditEntry> query(AuditQuery query);
}
