package org.licensekit.testkit.rules;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.licensekit.core.ActorSession;
import org.licensekit.core.api.AuditQuery;
import org.licensekit.core.api.report.Discrepancy;
import org.licensekit.core.api.report.DiscrepancyKind;
import org.licensekit.core.domain.AuditEntry;
import org.licensekit.core.domain.ChangeType;

/**
 * Tells a seat kept by a suspended user that the rules allow from one they forbid. Turning
 * "suspended users keep their seats" off is not retroactive: users suspended (or given a seat while
 * suspended) under the old setting keep what they hold, which reconciliation then reports as
 * {@link DiscrepancyKind#SUSPENDED_USER_HOLDS_SEAT} for the host to fix. Such a seat is explained when
 * the setting in force when the user last became suspended, or when the claim was assigned if later,
 * let suspended users keep seats; read from the audit trail in the order it was appended (commit order).
 */
final class SettingsHistory {

  private final List<AuditEntry> entries;

  private SettingsHistory(List<AuditEntry> entries) {
    this.entries = entries;
  }

  static SettingsHistory read(ActorSession admin) {
    List<AuditEntry> entries = new ArrayList<>();
    @SuppressWarnings("deprecation")
    List<AuditEntry> page = admin.audit().query(AuditQuery.builder()
        .actions(Set.of(ChangeType.SETTINGS_CHANGED, ChangeType.USER_SUSPENDED, ChangeType.CLAIM_ASSIGNED)).limit(10_000).build());
    entries.addAll(page);
    return new SettingsHistory(entries);
  }

  /** The discrepancies the rules do not explain: every one but suspended users' seats kept under a keep-seats setting. */
  List<Discrepancy> unexplained(List<Discrepancy> found) {
    return found.stream().filter(d -> d.kind() != DiscrepancyKind.SUSPENDED_USER_HOLDS_SEAT || !explained(d)).toList();
  }

  private boolean explained(Discrepancy discrepancy) {
    int suspended = last(e -> e.action() == ChangeType.USER_SUSPENDED && e.user().equals(discrepancy.user()));
    int assigned = last(e -> e.action() == ChangeType.CLAIM_ASSIGNED
        && discrepancy.claim().map(claim -> claim.value().equals(e.subjectId())).orElse(false));
    int since = Math.max(suspended, assigned);
    if (since < 0) {
      return false;
    }
    for (int i = since - 1; i >= 0; i--) {
      AuditEntry entry = entries.get(i);
      if (entry.action() == ChangeType.SETTINGS_CHANGED) {
        return entry.after().map(after -> after.contains("suspendedUsersKeepSeats=true")).orElse(false);
      }
    }
    return true; // the default setting: suspended users keep their seats
  }

  private int last(java.util.function.Predicate<AuditEntry> matches) {
    for (int i = entries.size() - 1; i >= 0; i--) {
      if (matches.test(entries.get(i))) {
        return i;
      }
    }
    return -1;
  }
}
