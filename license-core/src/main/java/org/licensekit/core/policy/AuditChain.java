package org.licensekit.core.policy;

import com.google.common.collect.ImmutableList;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import org.licensekit.core.domain.AuditChainHead;
import org.licensekit.core.domain.AuditEntry;
import org.licensekit.core.domain.AuditLink;
import org.licensekit.core.domain.AuditSeal;
import org.licensekit.core.domain.TenantId;
import org.licensekit.core.domain.UserId;

/**
 * The hash chain that makes a tenant's audit trail tamper-evident: each entry's hash covers its
 * content, its tenant, its position and the hash of the entry before it, so editing, removing,
 * inserting or reordering entries breaks the chain at that point.
 *
 * <p>The hash is SHA-256 over the UTF-8 bytes of a canonical encoding, written lower-case hex.
 * Version 1 (entries written before personal data could be erased):
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
 * <p>Version 2 (every entry appended now) is the same with {@code "licensekit-audit-v2"} and, in
 * place of each present personal field (before, after, reason), its salted digest: the lower-case
 * hex SHA-256 of the version-1 style encoding of {@code "licensekit-audit-v2-field"}, the entry's
 * salt (64 hex digits, random per entry), the field's name ({@code before}, {@code after},
 * {@code reason}) and its value. An erasure replaces those fields, keeps their digests and drops the
 * salt ({@link #erase}), so the entry's hash still re-computes from what is stored and nobody can
 * test a guessed original against the digests.
 *
 * <p>The length prefixes make the encoding unambiguous whatever the fields contain. Instants enter
 * at microsecond precision because that is what PostgreSQL keeps; a store writes entries truncated
 * to microseconds ({@link #stored(AuditEntry)}). The first entry's previous hash is {@link #GENESIS}.
 */
public final class AuditChain {

  /** The previous hash of a tenant's first entry: 64 zeros. */
  public static final String GENESIS = "0".repeat(64);

  /** The version tag that starts every version-1 encoding. */
  public static final String VERSION = "licensekit-audit-v1";

  /** The version tag that starts every version-2 encoding. */
  public static final String VERSION_2 = "licensekit-audit-v2";

  /** The tag that starts the encoding of a version-2 personal field's digest. */
  public static final String FIELD_VERSION_2 = "licensekit-audit-v2-field";

  private static final HexFormat HEX = HexFormat.of();
  private static final SecureRandom SALTS = new SecureRandom();
  private static final String ABSENT = "-";

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
   * each entry {@link #stored(AuditEntry) as stored}, hashed with version 2 and a fresh random salt.
   */
  public static List<AuditLink> link(TenantId tenant, AuditChainHead head, List<AuditEntry> entries) {
    ImmutableList.Builder<AuditLink> links = ImmutableList.builder();
    long position = head.position();
    String previous = head.hash();
    for (AuditEntry entry : entries) {
      AuditEntry stored = stored(entry);
      position++;
      String salt = newSalt();
      String hash = hashVersion2(tenant, position, previous, stored, digests(stored, salt));
      links.add(new AuditLink(position, previous, hash, stored, AuditSeal.version2(salt)));
      previous = hash;
    }
    return links.build();
  }

  /**
   * Links {@code entries} after {@code head} with version 1: only for entries written before the
   * chain existed, whose sealing may not change any of their columns but the hashes.
   */
  public static List<AuditLink> linkVersion1(TenantId tenant, AuditChainHead head, List<AuditEntry> entries) {
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

  /** The version-1 hash of {@code entry} at {@code position} after {@code previousHash}, as the class documents. */
  public static String hash(TenantId tenant, long position, String previousHash, AuditEntry entry) {
    return HEX.formatHex(sha256(encoding(tenant, position, previousHash, entry)));
  }

  /**
   * The hash {@code link}'s content must have, as its seal says it was made; empty for an erased
   * version-1 entry, whose original content (the only one its hash covers) is gone.
   */
  public static Optional<String> expectedHash(TenantId tenant, AuditLink link) {
    AuditSeal seal = link.seal();
    if (seal.version() == 1) {
      return seal.erased() ? Optional.empty() : Optional.of(hash(tenant, link.position(), link.previousHash(), link.entry()));
    }
    Optional<String> digests = seal.erased() ? seal.digests() : seal.salt().map(salt -> digests(link.entry(), salt));
    return Optional.of(digests.map(d -> hashVersion2(tenant, link.position(), link.previousHash(), link.entry(), d))
        .orElse(""));
  }

  /**
   * The version-1 hash of {@code link}'s content as it is now: what an erasure records for each
   * entry it rewrote, so that content, too, is covered by the chain (by the erasure entry).
   */
  public static String fingerprint(TenantId tenant, AuditLink link) {
    return hash(tenant, link.position(), link.previousHash(), link.entry());
  }

  /**
   * {@code link} with its personal fields replaced by those of {@code redacted} (every other field
   * must be equal) by the erasure at {@code erasurePosition}: the same position and hashes; a
   * version-2 entry keeps the digests of its original fields and drops its salt.
   *
   * @throws IllegalArgumentException when {@code redacted} differs in a field other than before,
   *     after and reason, or a version-2 entry has neither salt nor digests
   */
  public static AuditLink erase(AuditLink link, AuditEntry redacted, long erasurePosition) {
    AuditEntry original = link.entry();
    AuditEntry same = AuditEntry.builder().from(redacted)
        .before(original.before()).after(original.after()).reason(original.reason()).build();
    if (!same.equals(original)) {
      throw new IllegalArgumentException("an erasure may change only before, after and reason of entry " + original.id());
    }
    AuditSeal seal = link.seal();
    AuditSeal erased;
    if (seal.version() == 1) {
      erased = new AuditSeal(1, Optional.empty(), Optional.empty(), Optional.of(erasurePosition));
    } else {
      String digests = seal.digests().or(() -> seal.salt().map(salt -> digests(original, salt)))
          .orElseThrow(() -> new IllegalArgumentException("entry " + original.id() + " has neither salt nor digests"));
      erased = new AuditSeal(2, Optional.empty(), Optional.of(digests), Optional.of(erasurePosition));
    }
    return new AuditLink(link.position(), link.previousHash(), link.hash(), stored(redacted), erased);
  }

  /**
   * The salted digests of the entry's before, after and reason, separated by single spaces, each
   * 64 hex digits or {@code -} when the field is absent.
   */
  public static String digests(AuditEntry entry, String salt) {
    return digest(salt, "before", entry.before()) + " " + digest(salt, "after", entry.after()) + " "
        + digest(salt, "reason", entry.reason());
  }

  private static String digest(String salt, String name, Optional<String> value) {
    if (value.isEmpty()) {
      return ABSENT;
    }
    ByteArrayOutputStream out = new ByteArrayOutputStream(128);
    out.writeBytes(FIELD_VERSION_2.getBytes(StandardCharsets.UTF_8));
    field(out, Optional.of(salt));
    field(out, Optional.of(name));
    field(out, value);
    return HEX.formatHex(sha256(out.toByteArray()));
  }

  /** A new random salt: 32 bytes as 64 hex digits. */
  static String newSalt() {
    byte[] salt = new byte[32];
    SALTS.nextBytes(salt);
    return HEX.formatHex(salt);
  }

  /** The version-2 hash of {@code entry} whose personal fields have {@code digests}. */
  public static String hashVersion2(TenantId tenant, long position, String previousHash, AuditEntry entry, String digests) {
    String[] parts = digests.split(" ", -1);
    if (parts.length != 3) {
      return "";
    }
    ByteArrayOutputStream out = new ByteArrayOutputStream(256);
    out.writeBytes(VERSION_2.getBytes(StandardCharsets.UTF_8));
    common(out, tenant, position, previousHash, entry);
    for (String part : parts) {
      field(out, ABSENT.equals(part) ? Optional.empty() : Optional.of(part));
    }
    return HEX.formatHex(sha256(out.toByteArray()));
  }

  /** The canonical version-1 encoding the hash is computed over (for auditors re-computing it elsewhere). */
  public static byte[] encoding(TenantId tenant, long position, String previousHash, AuditEntry entry) {
    ByteArrayOutputStream out = new ByteArrayOutputStream(256);
    out.writeBytes(VERSION.getBytes(StandardCharsets.UTF_8));
    common(out, tenant, position, previousHash, entry);
    field(out, entry.before());
    field(out, entry.after());
    field(out, entry.reason());
    return out.toByteArray();
  }

  private static void common(ByteArrayOutputStream out, TenantId tenant, long position, String previousHash, AuditEntry entry) {
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
