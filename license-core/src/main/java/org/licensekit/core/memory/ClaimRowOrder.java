package org.licensekit.core.memory;

import java.util.Comparator;
import org.licensekit.core.api.report.ClaimRow;
import org.licensekit.core.api.report.ClaimSortKey;
import org.licensekit.core.api.report.SortDirection;
import org.licensekit.core.spi.report.ClaimsPosition;

/**
 * The claims report's order as {@code ReportStore.claims} defines it: by the key's value (text by
 * Unicode code point, the way {@code COLLATE "C"} compares UTF-8), empty values last in either
 * direction, then claim id ascending.
 */
final class ClaimRowOrder implements Comparator<ClaimsPosition> {

  private final SortDirection direction;

  ClaimRowOrder(SortDirection direction) {
    this.direction = direction;
  }

  static Comparator<ClaimRow> rows(ClaimSortKey key, SortDirection direction) {
    ClaimRowOrder order = new ClaimRowOrder(direction);
    return (a, b) -> order.compare(ClaimsPosition.of(a, key), ClaimsPosition.of(b, key));
  }

  @Override
  public int compare(ClaimsPosition a, ClaimsPosition b) {
    int byValue = compareValues(a, b);
    return byValue != 0 ? byValue : a.claim().compareTo(b.claim());
  }

  private int compareValues(ClaimsPosition a, ClaimsPosition b) {
    if (a.emptyValue() || b.emptyValue()) {
      return Boolean.compare(a.emptyValue(), b.emptyValue());
    }
    int c = a.instantValue().isPresent()
        ? a.instantValue().get().compareTo(b.instantValue().orElseThrow())
        : byCodePoint(a.textValue().orElseThrow(), b.textValue().orElseThrow());
    return direction == SortDirection.ASCENDING ? c : -c;
  }

  static int byCodePoint(String a, String b) {
    int i = 0;
    int j = 0;
    while (i < a.length() && j < b.length()) {
      int ca = a.codePointAt(i);
      int cb = b.codePointAt(j);
      if (ca != cb) {
        return Integer.compare(ca, cb);
      }
      i += Character.charCount(ca);
      j += Character.charCount(cb);
    }
    return Boolean.compare(i < a.length(), j < b.length());
  }
}
