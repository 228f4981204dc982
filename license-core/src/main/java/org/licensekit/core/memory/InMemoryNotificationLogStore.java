package org.licensekit.core.memory;

import java.time.Instant;
import org.licensekit.core.domain.TenantId;
import org.licensekit.core.spi.NotificationLogStore;

/** The once-only notification log in memory. */
final class InMemoryNotificationLogStore implements NotificationLogStore {

  private final InMemoryTransactions tx;
  private final TenantTable<String, Instant> sent;

  InMemoryNotificationLogStore(InMemoryTransactions tx) {
    this.tx = tx;
    this.sent = new TenantTable<>(tx);
  }

  @Override
  public boolean recordIfAbsent(TenantId tenant, String key, Instant at) {
    return tx.write(() -> !sent.contains(tenant, key) && sent.put(tenant, key, at).isEmpty());
  }

  @Override
  public boolean contains(TenantId tenant, String key) {
    return tx.read(() -> sent.contains(tenant, key));
  }
}
