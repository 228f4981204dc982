package org.licensekit.core.api.report;

import com.google.common.collect.ImmutableList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * One keyset page of a report.
 *
 * @param items the rows of this page, in report order
 * @param nextCursor pass it to the same query's {@code cursor(…)} for the next page; empty on the
 *     last page
 */
public record Page<T>(List<T> items, Optional<String> nextCursor) {

  public Page {
    items = ImmutableList.copyOf(items);
    Objects.requireNonNull(nextCursor, "nextCursor");
  }

  /** Whether another page follows. */
  public boolean hasNext() {
    return nextCursor.isPresent();
  }
}
