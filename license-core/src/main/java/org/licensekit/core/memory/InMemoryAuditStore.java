package org.licensekit.core.memory;

import com.google.common.collect.ImmutableList;
import java.util.List;
import org.licensekit.core.api.AuditQuery;
import org.licensekit.core.domain.AuditEntry;
import org.licensekit.core.domain.TenantId;
import org.licensekit.core.spi.AuditStore;

/** The audit trail in memory: entries keyed by a store-wide sequence, so key order is append order. */
final class InMemoryAuditStore implements AuditStore {

  private final InMemoryTransactions tx;
  private final TenantTable<Long, AuditEntry> entries;
  /** Guarded by the store lock; numbers of rolled-back entries are simply never reused. */
  private long sequence;

  InMemoryAuditStore(InMemoryTransactions tx) {
    this.tx = tx;
    this.entries = new TenantTable<>(tx);
  }

  @Override
  public void append(TenantId tenant, List<AuditEntry> newEntries) {
    List<AuditEntry> copy = ImmutableList.copyOf(newEntries);
    tx.write(() -> {
      copy.forEach(entry -> entries.put(tenant, ++sequence, entry));
      return null;
    });
  }

  @Override
  public List<AuditEntry> query(TenantId tenant, AuditQuery query) {
    return tx.read(() -> entries.stream(tenant)
        .filter(entry -> matches(entry, query))
        .limit(query.limit())
        .collect(ImmutableList.toImmutableList()));
  }

  private static boolean matches(AuditEntry entry, AuditQuery query) {
    return query.user().map(user -> entry.user().filter(user::equals).isPresent()).orElse(true)
        && query.subjectId().map(entry.subjectId()::equals).orElse(true)
        && (query.actions().isEmpty() || query.actions().contains(entry.action()))
        && query.from().map(from -> !entry.at().isBefore(from)).orElse(true)
        && query.to().map(to -> entry.at().isBefore(to)).orElse(true);
  }
}
