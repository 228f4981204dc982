package org.licensekit.core.memory;

import java.time.Instant;
import java.util.Optional;
import org.licensekit.core.domain.TenantId;
import org.licensekit.core.spi.IdempotencyRecord;
import org.licensekit.core.spi.IdempotencyStore;

/** Idempotency keys in memory. */
final class InMemoryIdempotencyStore implements IdempotencyStore {

  private final InMemoryTransactions tx;
  private final TenantTable<String, IdempotencyRecord> records;

  InMemoryIdempotencyStore(InMemoryTransactions tx) {
    this.tx = tx;
    this.records = new TenantTable<>(tx);
  }

  @Override
  public Optional<IdempotencyRecord> find(TenantId tenant, String key) {
    return tx.read(() -> records.get(tenant, key));
  }

  @Override
  public boolean reserve(TenantId tenant, IdempotencyRecord record) {
    return tx.write(() -> !records.contains(tenant, record.key())
        && records.put(tenant, record.key(), new IdempotencyRecord(record.key(), record.fingerprint(), record.reservedAt(),
            Optional.empty())).isEmpty());
  }

  @Override
  public boolean renew(TenantId tenant, String key, Instant held, Instant renewed) {
    return tx.write(() -> records.get(tenant, key)
        .filter(reserved -> !reserved.completed() && reserved.reservedAt().equals(held))
        .map(reserved -> records.put(tenant, key,
            new IdempotencyRecord(key, reserved.fingerprint(), renewed, Optional.empty())))
        .isPresent());
  }

  @Override
  public void complete(TenantId tenant, String key, String result) {
    tx.write(() -> records.get(tenant, key).map(reserved -> records.put(tenant, key,
        new IdempotencyRecord(key, reserved.fingerprint(), reserved.reservedAt(), Optional.of(result))))
        .orElseThrow(() -> new IllegalStateException("idempotency key '" + key + "' was never reserved")));
  }

  @Override
  public void release(TenantId tenant, String key) {
    tx.write(() -> records.remove(tenant, key));
  }

  /** The rows, for {@link InMemoryPersonalDataStore}; callers hold the store lock. */
  TenantTable<String, IdempotencyRecord> recordsTable() {
    return records;
  }
}
