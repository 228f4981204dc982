package org.licensekit.core.policy;

import com.google.common.collect.ImmutableMap;
import java.util.Map;
import java.util.SortedMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What a {@link org.licensekit.core.domain.ChangeType#PERSONAL_DATA_ERASED} entry records about the
 * audit entries it rewrote, in its {@code after}: one line per entry, its chain position, a space
 * and its {@linkplain AuditChain#fingerprint fingerprint} after the rewrite. Because the erasure
 * entry is itself chained, the rewritten content stays covered: {@link AuditChainCheck} re-computes
 * each fingerprint and compares.
 *
 * <pre>
 * personal data erased: user u-7 is now "Erased user 3f2a…" &lt;erased-3f2a…@erased.invalid&gt;
 * audit entries rewritten: 2
 * 12 9c0e…(64 hex digits)
 * 15 71ab…
 * </pre>
 */
public final class ErasureManifest {

  private static final Pattern LINE = Pattern.compile("^(\\d{1,18}) ([0-9a-f]{64})$", Pattern.MULTILINE);

  private ErasureManifest() {}

  /**
   * The text of an erasure entry's {@code after}.
   *
   * @param summary the first line(s), saying what was erased (no personal data)
   * @param fingerprints each rewritten entry's position and fingerprint
   */
  public static String write(String summary, SortedMap<Long, String> fingerprints) {
    StringBuilder text = new StringBuilder(summary).append("\naudit entries rewritten: ").append(fingerprints.size());
    fingerprints.forEach((position, fingerprint) -> text.append('\n').append(position).append(' ').append(fingerprint));
    return text.toString();
  }

  /** The positions and fingerprints an erasure entry's {@code after} lists; empty for any other text. */
  public static Map<Long, String> read(String after) {
    ImmutableMap.Builder<Long, String> listed = ImmutableMap.builder();
    Matcher line = LINE.matcher(after);
    while (line.find()) {
      listed.put(Long.parseLong(line.group(1)), line.group(2));
    }
    return listed.buildKeepingLast();
  }
}
