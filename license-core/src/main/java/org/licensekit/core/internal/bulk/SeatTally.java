package org.licensekit.core.internal.bulk;

import com.google.common.collect.ImmutableList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.licensekit.core.api.SeatForecast;
import org.licensekit.core.domain.LicenseClaim;
import org.licensekit.core.domain.ProductId;

/** Seats a bulk run needs and releases per product; one per attempt, merged when it commits. */
public final class SeatTally {

  private final Map<ProductId, long[]> counts = new TreeMap<>();

  /** A selected user needs a new claim of each product (whether or not a seat is found). */
  void need(Collection<ProductId> products) {
    products.forEach(product -> counts.computeIfAbsent(product, p -> new long[2])[0]++);
  }

  /** A live claim of the product ended, giving its seat back. */
  void release(ProductId product) {
    counts.computeIfAbsent(product, p -> new long[2])[1]++;
  }

  /** The claims ended, each giving its seat back; returns their products in the same order. */
  List<ProductId> released(List<LicenseClaim> ended) {
    ended.forEach(claim -> release(claim.product()));
    return ended.stream().map(LicenseClaim::product).collect(ImmutableList.toImmutableList());
  }

  public void addAll(SeatTally other) {
    other.counts.forEach((product, c) -> {
      long[] mine = counts.computeIfAbsent(product, p -> new long[2]);
      mine[0] += c[0];
      mine[1] += c[1];
    });
  }

  /** The forecast per product touched, in product order, against {@code available} free seats. */
  List<SeatForecast> forecast(Map<ProductId, Long> available) {
    return counts.entrySet().stream()
        .map(e -> new SeatForecast(e.getKey(), e.getValue()[0], e.getValue()[1], available.getOrDefault(e.getKey(), 0L)))
        .collect(ImmutableList.toImmutableList());
  }
}
