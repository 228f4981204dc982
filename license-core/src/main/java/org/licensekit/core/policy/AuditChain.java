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
import java.util.concurrent.atomic.AtomicLong;
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
 * salt (64 hex digits, unguessable and distinct per entry: see below), the field's name ({@code before}, {@code after},
 * {@code reason}) and its value. An erasure replaces those fields, keeps their digests and drops the
 * salt ({@link #erase}), so the entry's hash still re-computes from what is stored and nobody can
 * test a guessed original against the digests.
 *
 * <p>A version-2 salt is the HMAC-SHA256, under a random key drawn once per process and never
 * stored, of a number the process never uses twice and the entry id: as unguessable as a salt drawn
 * at random per entry, without a read of the random source per entry (the reasoning is on the
 * method that derives it).
 *
 * <p>Both encodings fall in three parts: what comes before the chain fields (the version tag and the
 * tenant), the chain fields ({@link #chainFields}: position and previous hash) and what comes after
 * (every other field). Only the middle part depends on the chain, so an entry can be {@link #prepare
 * prepared} (salted, digested and encoded) before its position is known, and its hash taken later,
 * when it is linked, by this class or by a database that holds the chain head: SHA-256 over the
 * bytes before, the chain fields and the bytes after, concatenated, is the entry's hash.
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

  /** The tag that starts the message of a salt's keyed hash (see {@code newSalt}). */
  private static final String SALT_TAG = "licensekit-audit-salt";

  private static final HexFormat HEX = HexFormat.of();
  private static final String ABSENT = "-";
  private static final byte[] VERSION_2_BYTES = VERSION_2.getBytes(StandardCharsets.UTF_8);
  private static final ThreadLocal<MessageDigest> SHA_256 = ThreadLocal.withInitial(AuditChain::newSha256);
  /** The chain fields of {@link Prepared#hashAt}, written in a buffer per thread. */
  private static final ThreadLocal<AuditFieldEncoder> CHAIN_FIELDS = ThreadLocal.withInitial(() -> new AuditFieldEncoder(96));
  private static final byte[] FIELD_VERSION_2_BYTES = FIELD_VERSION_2.getBytes(StandardCharsets.UTF_8);
  private static final byte[] SALT_TAG_BYTES = SALT_TAG.getBytes(StandardCharsets.UTF_8);
  private static final byte[] BEFORE = "before".getBytes(StandardCharsets.US_ASCII);
  private static final byte[] AFTER = "after".getBytes(StandardCharsets.US_ASCII);
  private static final byte[] REASON = "reason".getBytes(StandardCharsets.US_ASCII);
  /** The salts' HMAC-SHA256 (see {@code newSalt}): its key's inner and outer pads, each already hashed. */
  private static final MessageDigest[] SALT_KEY;
  /** Numbers the salts this process derives, so no two are derived from the same message. */
  private static final AtomicLong SALTS_DERIVED = new AtomicLong();

  static {
    byte[] key = new byte[64];
    new SecureRandom().nextBytes(key);
    SALT_KEY = hmacKey(key);
    java.util.Arrays.fill(key, (byte) 0);
  }

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
   * each entry {@link #stored(AuditEntry) as stored}, hashed with version 2 and a fresh salt.
   */
  public static List<AuditLink> link(TenantId tenant, AuditChainHead head, List<AuditEntry> entries) {
    return link(head, prepare(tenant, entries));
  }

  /**
   * Links entries {@link #prepare prepared} for one tenant, in order, after {@code head}: the same
   * links {@link #link(TenantId, AuditChainHead, List)} makes.
   */
  public static List<AuditLink> link(AuditChainHead head, List<Prepared> prepared) {
    ImmutableList.Builder<AuditLink> links = ImmutableList.builderWithExpectedSize(prepared.size());
    long position = head.position();
    String previous = head.hash();
    for (Prepared entry : prepared) {
      position++;
      String hash = entry.hashAt(position, previous);
      links.add(new AuditLink(position, previous, hash, entry.entry(), entry.seal()));
      previous = hash;
    }
    return links.build();
  }

  /**
   * Prepares {@code entries} to be linked to {@code tenant}'s chain with version 2: each
   * {@link #stored(AuditEntry) as stored}, with a fresh salt, its personal fields' digests and its
   * encoding before and after the chain fields. Preparing takes no lock: only linking needs the head.
   */
  public static List<Prepared> prepare(TenantId tenant, List<AuditEntry> entries) {
    ByteArrayOutputStream out = new ByteArrayOutputStream(64);
    out.writeBytes(VERSION_2_BYTES);
    field(out, Optional.of(tenant.value()));
    byte[] before = out.toByteArray();
    ImmutableList.Builder<Prepared> prepared = ImmutableList.builderWithExpectedSize(entries.size());
    // a bulk chunk prepares thousands of entries: one scratch buffer and one digest serve them all
    AuditFieldEncoder scratch = new AuditFieldEncoder(256);
    AuditFieldEncoder after = new AuditFieldEncoder(512);
    MessageDigest sha256 = SHA_256.get();
    for (AuditEntry entry : entries) {
      AuditEntry stored = stored(entry);
      byte[] salt = saltBytes(stored.id(), scratch);
      String saltHex = HEX.formatHex(salt);
      after.reset();
      own(after, stored);
      personalDigest(after, scratch, sha256, saltHex, BEFORE, stored.before());
      personalDigest(after, scratch, sha256, saltHex, AFTER, stored.after());
      personalDigest(after, scratch, sha256, saltHex, REASON, stored.reason());
      prepared.add(new Prepared(stored, AuditSeal.version2(saltHex), before, after.toByteArray()));
    }
    return prepared.build();
  }

  /**
   * Writes a personal field's part of the encoding after the chain fields: {@code "|-"} when it is
   * absent, else its salted digest as a field, as {@link #digests} and {@link #hashVersion2} encode
   * it, without building the digests' text.
   */
  private static void personalDigest(AuditFieldEncoder out, AuditFieldEncoder scratch, MessageDigest sha256, String saltHex, byte[] name,
      Optional<String> value) {
    if (value.isEmpty()) {
      out.absent();
      return;
    }
    scratch.reset();
    scratch.raw(FIELD_VERSION_2_BYTES);
    scratch.field(saltHex);
    scratch.field(name);
    scratch.field(value.get());
    out.hexField(scratch.sha256(sha256));
  }

  /**
   * The chain fields of an encoding: position (decimal) and previous hash, each as the class
   * documents a field ({@code "|" N ":" value}); ASCII only.
   */
  public static byte[] chainFields(long position, String previousHash) {
    ByteArrayOutputStream out = new ByteArrayOutputStream(80);
    field(out, Optional.of(Long.toString(position)));
    field(out, Optional.of(previousHash));
    return out.toByteArray();
  }

  /**
   * An entry ready to be linked with version 2 ({@link #prepare}): the entry as stored, its seal
   * (with its salt) and its encoding without the chain fields.
   */
  public static final class Prepared {

    private final AuditEntry entry;
    private final AuditSeal seal;
    private final byte[] beforeChain;
    private final byte[] afterChain;

    private Prepared(AuditEntry entry, AuditSeal seal, byte[] beforeChain, byte[] afterChain) {
      this.entry = entry;
      this.seal = seal;
      this.beforeChain = beforeChain;
      this.afterChain = afterChain;
    }

    /** The entry as a store keeps it. */
    public AuditEntry entry() {
      return entry;
    }

    /** The entry's version-2 seal, with its salt. */
    public AuditSeal seal() {
      return seal;
    }

    /** The bytes of the entry's encoding that come before the chain fields (a copy). */
    public byte[] encodingBeforeChain() {
      return beforeChain.clone();
    }

    /** The bytes of the entry's encoding that come after the chain fields (a copy). */
    public byte[] encodingAfterChain() {
      return afterChain.clone();
    }

    /** The entry's hash at {@code position} after an entry that hashes to {@code previousHash}. */
    public String hashAt(long position, String previousHash) {
      MessageDigest sha256 = SHA_256.get();
      sha256.update(beforeChain);
      AuditFieldEncoder chain = CHAIN_FIELDS.get();
      chain.reset();
      chain.field(position);
      chain.field(previousHash);
      chain.update(sha256);
      sha256.update(afterChain);
      return HEX.formatHex(sha256.digest());
    }
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

  /**
   * A new salt for the entry {@code entryId}: 32 bytes as 64 hex digits, the HMAC-SHA256 of the
   * encoding of {@code "licensekit-audit-salt"}, a number this process never uses twice and the
   * entry id, under a 512-bit key drawn from {@link SecureRandom} once per process (class load).
   *
   * <p>Why it is as unguessable as a salt drawn from {@link SecureRandom} per entry (which cost a
   * locked random-source read per entry): the key lives only in this process's memory — it is never
   * stored, logged or derivable from anything stored — and HMAC-SHA256 under a secret random key is
   * a pseudo-random function, so without the key its outputs are indistinguishable from independent
   * random 256-bit strings, even to someone who reads every other salt (the salts of entries not
   * erased are stored in the clear) and knows every entry id and counter value. The counter makes
   * every message distinct, so no two entries of one process share a salt; two processes have
   * independent keys. Once an erasure drops an entry's salt, testing a guessed personal value
   * against its digests needs the salt, i.e. a 2^256 search or the key.
   */
  static String newSalt(String entryId) {
    return HEX.formatHex(saltBytes(entryId, new AuditFieldEncoder(96)));
  }

  /** {@link #newSalt}'s 32 bytes, its message written in {@code scratch}. */
  private static byte[] saltBytes(String entryId, AuditFieldEncoder scratch) {
    scratch.reset();
    scratch.raw(SALT_TAG_BYTES);
    scratch.field(SALTS_DERIVED.incrementAndGet());
    scratch.field(entryId);
    try {
      MessageDigest inner = (MessageDigest) SALT_KEY[0].clone();
      scratch.update(inner);
      MessageDigest outer = (MessageDigest) SALT_KEY[1].clone();
      outer.update(inner.digest());
      return outer.digest();
    } catch (CloneNotSupportedException e) {
      throw new IllegalStateException("the platform's SHA-256 cannot be cloned", e);
    }
  }

  /** HMAC-SHA256 under the process's salt key. */
  private static byte[] hmac(byte[] message) {
    return hmac(SALT_KEY, message);
  }

  /**
   * An HMAC-SHA256 key (RFC 2104) of 64 bytes as two digests that already hashed its inner and its
   * outer pad, so each {@link #hmac(MessageDigest[], byte[])} clones them instead of hashing the pads.
   */
  static MessageDigest[] hmacKey(byte[] key) {
    if (key.length != 64) {
      throw new IllegalArgumentException("key must be 64 bytes, was " + key.length);
    }
    byte[] inner = new byte[64];
    byte[] outer = new byte[64];
    for (int i = 0; i < 64; i++) {
      inner[i] = (byte) (key[i] ^ 0x36);
      outer[i] = (byte) (key[i] ^ 0x5c);
    }
    MessageDigest innerPad = newSha256();
    innerPad.update(inner);
    MessageDigest outerPad = newSha256();
    outerPad.update(outer);
    return new MessageDigest[] {innerPad, outerPad};
  }

  /** HMAC-SHA256 of {@code message} under {@code key} ({@link #hmacKey}); the key's digests are only cloned. */
  static byte[] hmac(MessageDigest[] key, byte[] message) {
    try {
      MessageDigest inner = (MessageDigest) key[0].clone();
      inner.update(message);
      MessageDigest outer = (MessageDigest) key[1].clone();
      outer.update(inner.digest());
      return outer.digest();
    } catch (CloneNotSupportedException e) {
      throw new IllegalStateException("the platform's SHA-256 cannot be cloned", e);
    }
  }

  /** The version-2 hash of {@code entry} whose personal fields have {@code digests}. */
  public static String hashVersion2(TenantId tenant, long position, String previousHash, AuditEntry entry, String digests) {
    if (digests.split(" ", -1).length != 3) {
      return "";
    }
    ByteArrayOutputStream out = new ByteArrayOutputStream(256);
    out.writeBytes(VERSION_2_BYTES);
    field(out, Optional.of(tenant.value()));
    out.writeBytes(chainFields(position, previousHash));
    out.writeBytes(afterChain(entry, digests));
    return HEX.formatHex(sha256(out.toByteArray()));
  }

  /** The version-2 encoding after the chain fields: the entry's own fields, its personal ones as {@code digests}. */
  private static byte[] afterChain(AuditEntry entry, String digests) {
    ByteArrayOutputStream out = new ByteArrayOutputStream(256);
    own(out, entry);
    for (String part : digests.split(" ", -1)) {
      field(out, ABSENT.equals(part) ? Optional.empty() : Optional.of(part));
    }
    return out.toByteArray();
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
    out.writeBytes(chainFields(position, previousHash));
    own(out, entry);
  }

  /** {@link #own(ByteArrayOutputStream, AuditEntry)} into an {@link AuditFieldEncoder}: the same bytes. */
  private static void own(AuditFieldEncoder out, AuditEntry entry) {
    out.field(entry.id());
    out.field(micros(entry.at()));
    out.field(entry.actor().kind().name());
    out.field(entry.actor().id());
    out.field(entry.action().name());
    out.field(entry.subjectType());
    out.field(entry.subjectId());
    if (entry.user().isPresent()) {
      out.field(entry.user().get().value());
    } else {
      out.absent();
    }
  }

  /** The fields after the chain fields, up to the personal ones: id, instant, actor, action, subject, user. */
  private static void own(ByteArrayOutputStream out, AuditEntry entry) {
    field(out, Optional.of(entry.id()));
    field(out, Optional.of(micros(entry.at())));
    field(out, Optional.of(entry.actor().kind().name()));
    field(out, Optional.of(entry.actor().id()));
    field(out, Optional.of(entry.action().name()));
    field(out, Optional.of(entry.subjectType()));
    field(out, Optional.of(entry.subjectId()));
    field(out, entry.user().map(UserId::value));
  }

  /** Seconds since the epoch, ".", the microseconds of that second as six digits. */
  private static String micros(Instant at) {
    String fraction = Integer.toString(at.getNano() / 1000);
    return at.getEpochSecond() + "." + "000000".substring(fraction.length()) + fraction;
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
    return SHA_256.get().digest(bytes);
  }

  private static MessageDigest newSha256() {
    try {
      return MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every Java platform provides SHA-256", e);
    }
  }
}
