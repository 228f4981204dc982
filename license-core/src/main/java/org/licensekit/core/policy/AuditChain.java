package org.licensekit.core.policy;

import com.google.common.collect.ImmutableList;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import org.licensekit.core.domain.AuditChainHead;
import org.licensekit.core.domain.AuditEntry;
import org.licensekit.core.domain.AuditLink;
import org.licensekit.core.domain.TenantId;
import org.licensekit.core.domain.UserId;

/**
 * The hash chain that makes a tenant's audit trail tamper-evident: each entry's hash covers its
 * content, its tenant, its position and the hash of the entry before it, so editing, removing,
 * inserting or reordering entries breaks the chain at that point.
 *
 * <p>The hash is SHA-256 over the UTF-8 bytes of this canonical encoding, written lower-case hex:
 *
 * <pre>
 * "licensekit-audit-v1" then, for each field in this order, "|" followed by
 *   "-"                            when the field is absent (an empty Optional), or
 *   N ":" value                    where N is the value's length in UTF-8 bytes, in decimal
 * fields: tenant id, position (decimal), previous hash, entry id,
 *         at (seconds since 1970-01-01T00:00:00Z in decimal, ".", the microseconds of that second
 *             as six digits; nanoseconds beyond are dropped),
 *         actor kind (enum name), actor id, action (enum name), subject type, subject id,
 *         user id, before, after, reason
 * </pre>
 *
 * <p>The length prefixes make the encoding unambiguous whatever the fields contain. Instants enter
 * at microsecond precision because that is what PostgreSQL keeps; a store writes entries truncated
 * to microseconds ({@link #stored(AuditEntry)}). The first entry's previous hash is {@link #GENESIS}.
 */
public final class AuditChain {

  /** The previous hash of a tenant's first entry: 64 zeros. */
  public static final String GENESIS = "0".repeat(64);

  /** The version tag that starts every encoding. */
  public static final String VERSION = "licensekit-audit-v1";

  private static final HexFormat HEX = HexFormat.of();

  private AuditChain() {}

  /** The head of an empty chain. */
  public static AuditChainHead emptyHead() {
    return new AuditChainHead(0, GENESIS);
  }

  /** The entry as a store keeps it: its instant truncated to microseconds, the rest unchanged. */
  public static AuditEntry stored(AuditEntry entry) {
    Instant micros = entry.at().truncatedTo(ChronoUnit.MICROS);
    return micros.equals(entry.at()) ? entry : AuditEntry.builder().from(entry).at(micros).build();
  }

  /**
   * Links {@code entries}, in order, after {@code head}: positions {@code head.position() + 1} on,
   * each entry {@link #stored(AuditEntry) as stored}.
   */
  public static List<AuditLink> link(TenantId tenant, AuditChainHead head, List<AuditEntry> entries) {
    ImmutableList.Builder<AuditLink> links = ImmutableList.builder();
    long position = head.position();
    String previous = head.hash();
    for (AuditEntry entry : entries) {
      AuditEntry stored = stored(entry);
      position++;
      String hash = hash(tenant, position, previous, stored);
      links.add(new AuditLink(position, previous, hash, stored));
      previous = hash;
    }
    return links.build();
  }

  /** The hash of {@code entry} at {@code position} after {@code previousHash}, as the class documents. */
  public static String hash(TenantId tenant, long position, String previousHash, AuditEntry entry) {
    return HEX.formatHex(sha256(encoding(tenant, position, previousHash, entry)));
  }

  /** The canonical encoding the hash is computed over (for auditors re-computing it elsewhere). */
  public static byte[] encoding(TenantId tenant, long position, String previousHash, AuditEntry entry) {
    ByteArrayOutputStream out = new ByteArrayOutputStream(256);
    out.writeBytes(VERSION.getBytes(StandardCharsets.UTF_8));
    field(out, Optional.of(tenant.value()));
    field(out, Optional.of(Long.toString(position)));
    field(out, Optional.of(previousHash));
    field(out, Optional.of(entry.id()));
    field(out, Optional.of(entry.at().getEpochSecond() + "." + String.format(java.util.Locale.ROOT, "%06d", entry.at().getNano() / 1000)));
    field(out, Optional.of(entry.actor().kind().name()));
    field(out, Optional.of(entry.actor().id()));
    field(out, Optional.of(entry.action().name()));
    field(out, Optional.of(entry.subjectType()));
    field(out, Optional.of(entry.subjectId()));
    field(out, entry.user().map(UserId::value));
    field(out, entry.before());
    field(out, entry.after());
    field(out, entry.reason());
    return out.toByteArray();
  }

  private static void field(ByteArrayOutputStream out, Optional<String> value) {
    out.write('|');
    if (value.isEmpty()) {
      out.write('-');
      return;
    }
    byte[] bytes = value.get().getBytes(StandardCharsets.UTF_8);
    out.writeBytes(Integer.toString(bytes.length).getBytes(StandardCharsets.US_ASCII));
    out.write(':');
    out.writeBytes(bytes);
  }

  private static byte[] sha256(byte[] bytes) {
    try {
      return MessageDigest.getInstance("SHA-256").digest(bytes);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every Java platform provides SHA-256", e);
    }
  }
}
