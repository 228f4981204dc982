package org.licensekit.core.memory;

import java.time.LocalDate;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import org.licensekit.core.domain.ProductId;
import org.licensekit.core.domain.TenantId;
import org.licensekit.core.domain.UserId;
import org.licensekit.core.spi.UsageStore;
import org.licensekit.core.spi.report.UsageDay;

/** Usage per user × product × day in memory; the store lock makes each upsert atomic. */
final class InMemoryUsageStore implements UsageStore {

  /** The key of one day's row. */
  record Key(UserId user, ProductId product, LocalDate day) implements Comparable<Key> {
    private static final Comparator<Key> ORDER =
        Comparator.comparing(Key::user).thenComparing(Key::product).thenComparing(Key::day);

    @Override
    public int compareTo(Key other) {
      return ORDER.compare(this, other);
    }
  }

  private final InMemoryTransactions tx;
  private final TenantTable<Key, UsageDay> days;

  InMemoryUsageStore(InMemoryTransactions tx) {
    this.tx = tx;
    this.days = new TenantTable<>(tx);
  }

  @Override
  public void record(TenantId tenant, UsageDay delta) {
    tx.write(() -> {
      Key key = new Key(delta.user(), delta.product(), delta.day());
      UsageDay merged = days.get(tenant, key)
          .map(d -> new UsageDay(d.user(), d.product(), d.day(), Math.addExact(d.launches(), delta.launches()),
              Math.max(d.progress(), delta.progress())))
          .orElse(delta);
      return days.put(tenant, key, merged);
    });
  }

  @Override
  public Optional<UsageDay> find(TenantId tenant, UserId user, ProductId product, LocalDate day) {
    return tx.read(() -> days.get(tenant, new Key(user, product, day)));
  }

  /** Every row of the tenant, for the report store; callers hold the store lock. */
  List<UsageDay> all(TenantId tenant) {
    return days.values(tenant);
  }
}
