package org.licensekit.core.internal.bulk;

import com.google.common.base.Splitter;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.licensekit.core.ErrorCode;
import org.licensekit.core.StoreException;
import org.licensekit.core.api.BulkMode;
import org.licensekit.core.api.BulkResult;
import org.licensekit.core.api.SeatForecast;
import org.licensekit.core.api.UserOutcome;
import org.licensekit.core.domain.ProductId;
import org.licensekit.core.domain.UserId;

/**
 * The text a {@link BulkResult} is stored as under its idempotency key: one line per fact, fields
 * split by {@code |}, with {@code %}, {@code |}, CR and LF percent-escaped. Version 1:
 *
 * <pre>
 * bulk-result v1
 * head|key-or-empty|mode|dryRun|status|selected|done|already|refused|truncated
 * seat|product|needed|released|available        (one per product)
 * outcome|user|kind|code-or-empty|detail        (one per sampled outcome)
 * </pre>
 */
public final class BulkResultCodec {

  private static final String MAGIC = "bulk-result v1";
  private static final Splitter FIELDS = Splitter.on('|');

  private BulkResultCodec() {}

  static String encode(BulkResult r) {
    StringBuilder out = new StringBuilder(MAGIC).append('\n');
    line(out, "head", r.idempotencyKey().orElse(""), r.mode().name(), Boolean.toString(r.dryRun()), r.status().name(),
        Long.toString(r.selected()), Long.toString(r.done()), Long.toString(r.already()), Long.toString(r.refused()),
        Boolean.toString(r.outcomesTruncated()));
    for (SeatForecast s : r.seats()) {
      line(out, "seat", s.product().value(), Long.toString(s.needed()), Long.toString(s.released()), Long.toString(s.available()));
    }
    for (UserOutcome o : r.outcomes()) {
      line(out, "outcome", o.user().value(), o.kind().name(), o.code().orElse(""), o.detail(),
          o.product().map(ProductId::value).orElse(""));
    }
    return out.toString();
  }

  public static BulkResult decode(String text) {
    List<String> lines = Splitter.on('\n').omitEmptyStrings().splitToList(text);
    if (lines.isEmpty() || !lines.get(0).equals(MAGIC)) {
      throw new StoreException(ErrorCode.CORRUPT_IDEMPOTENCY_RECORD, "the stored bulk result is not in the " + MAGIC + " format");
    }
    List<String> head = fields(lines.get(1));
    List<SeatForecast> seats = new ArrayList<>();
    List<UserOutcome> outcomes = new ArrayList<>();
    for (String line : lines.subList(2, lines.size())) {
      List<String> f = fields(line);
      if (f.get(0).equals("seat")) {
        seats.add(new SeatForecast(ProductId.of(f.get(1)), Long.parseLong(f.get(2)), Long.parseLong(f.get(3)), Long.parseLong(f.get(4))));
      } else {
        outcomes.add(new UserOutcome(UserId.of(f.get(1)), UserOutcome.Kind.valueOf(f.get(2)),
            f.get(3).isEmpty() ? Optional.empty() : Optional.of(f.get(3)), f.get(4),
            // results stored before outcomes named their product have five fields
            f.size() < 6 || f.get(5).isEmpty() ? Optional.empty() : Optional.of(ProductId.of(f.get(5)))));
      }
    }
    return new BulkResult(head.get(1).isEmpty() ? Optional.empty() : Optional.of(head.get(1)), BulkMode.valueOf(head.get(2)),
        Boolean.parseBoolean(head.get(3)), BulkResult.Status.valueOf(head.get(4)), Long.parseLong(head.get(5)),
        Long.parseLong(head.get(6)), Long.parseLong(head.get(7)), Long.parseLong(head.get(8)), outcomes,
        Boolean.parseBoolean(head.get(9)), seats, false);
  }

  private static void line(StringBuilder out, String... fields) {
    for (int i = 0; i < fields.length; i++) {
      out.append(i == 0 ? "" : "|").append(escape(fields[i]));
    }
    out.append('\n');
  }

  private static List<String> fields(String line) {
    List<String> result = new ArrayList<>();
    FIELDS.split(line).forEach(field -> result.add(unescape(field)));
    return result;
  }

  /** {@code value} as it appears inside an encoded result. */
  public static String escape(String value) {
    return value.replace("%", "%25").replace("|", "%7C").replace("\n", "%0A").replace("\r", "%0D");
  }

  private static String unescape(String value) {
    return value.replace("%0D", "\r").replace("%0A", "\n").replace("%7C", "|").replace("%25", "%");
  }
}
