package org.licensekit.core.policy;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.licensekit.core.api.AuditBreak;
import org.licensekit.core.api.AuditVerification;
import org.licensekit.core.domain.Actor;
import org.licensekit.core.domain.AuditChainHead;
import org.licensekit.core.domain.AuditEntry;
import org.licensekit.core.domain.AuditLink;
import org.licensekit.core.domain.ChangeType;
import org.licensekit.core.domain.TenantId;
import org.licensekit.core.domain.UserId;

class AuditChainTest {

  private static final TenantId TENANT = TenantId.of("district-42");

  private static AuditEntry entry(String id) {
    return AuditEntry.builder().id(id).at(Instant.parse("2026-09-02T10:00:00.123456789Z"))
        .actor(Actor.systemAdministrator("admin-7")).action(ChangeType.CLAIM_REVOKED).subjectType("claim").subjectId("c-42")
        .user(UserId.of("ana")).after("claim c-42 REVOKED").reason("Zoë left").build();
  }

  private static AuditVerification check(List<AuditLink> links, AuditChainHead head) {
    AuditChainCheck check = new AuditChainCheck(TENANT);
    links.forEach(check::accept);
    return check.finish(head);
  }

  /** The documented encoding, pinned by a hash computed independently of this code (Python's hashlib). */
  @Test
  void theHashFollowsTheDocumentedEncoding() {
    AuditEntry entry = entry("e-1");

    assertThat(new String(AuditChain.encoding(TENANT, 1, AuditChain.GENESIS, entry), StandardCharsets.UTF_8)).isEqualTo(
        "licensekit-audit-v1|11:district-42|1:1|64:" + "0".repeat(64) + "|3:e-1|17:1788343200.123456"
            + "|20:SYSTEM_ADMINISTRATOR|7:admin-7|13:CLAIM_REVOKED|5:claim|4:c-42|3:ana|-|18:claim c-42 REVOKED|9:Zoë left");
    assertThat(AuditChain.hash(TENANT, 1, AuditChain.GENESIS, entry))
        .isEqualTo("7f2f91aa9bb0296a6f7c4ab94ea03ab758287f39981720fc67d463b1fbdb0624");
  }

  /**
   * A prepared entry's hash (what a database chaining the entries re-computes from the bytes before
   * and after the chain fields) is the version-2 hash of the documented encoding, bit for bit.
   */
  @Test
  void aPreparedEntryHashesAsTheDocumentedVersion2Encoding() {
    AuditEntry absent = AuditEntry.builder().from(entry("e-2")).user(Optional.empty()).after(Optional.empty()).before("").build();
    List<AuditChain.Prepared> prepared = AuditChain.prepare(TENANT, List.of(entry("e-1"), absent));
    String previous = "ab".repeat(32);

    for (AuditChain.Prepared entry : prepared) {
      String salt = entry.seal().salt().orElseThrow();
      String expected = AuditChain.hashVersion2(TENANT, 12345, previous, entry.entry(), AuditChain.digests(entry.entry(), salt));
      assertThat(entry.hashAt(12345, previous)).isEqualTo(expected);
      byte[] whole = concat(entry.encodingBeforeChain(), AuditChain.chainFields(12345, previous), entry.encodingAfterChain());
      assertThat(java.util.HexFormat.of().formatHex(sha256(whole))).isEqualTo(expected);
      assertThat(new String(whole, StandardCharsets.UTF_8)).startsWith("licensekit-audit-v2|11:district-42|5:12345|64:" + previous + "|3:e-");
    }
    assertThat(new String(AuditChain.chainFields(7, AuditChain.GENESIS), StandardCharsets.US_ASCII)).isEqualTo("|1:7|64:" + "0".repeat(64));
    assertThat(AuditChain.link(new AuditChainHead(12344, previous), prepared).get(0).hash())
        .isEqualTo(prepared.get(0).hashAt(12345, previous));
  }

  /** The salts' keyed hash is HMAC-SHA256 as the platform computes it, under the same key. */
  @Test
  void theSaltKeyedHashIsHmacSha256() throws Exception {
    byte[] key = new byte[64];
    new java.util.Random(42).nextBytes(key);
    byte[] message = "licensekit-audit-salt|1:9|3:e-1".getBytes(StandardCharsets.UTF_8);
    javax.crypto.Mac mac = javax.crypto.Mac.getInstance("HmacSHA256");
    mac.init(new javax.crypto.spec.SecretKeySpec(key, "HmacSHA256"));
    java.security.MessageDigest[] pads = AuditChain.hmacKey(key);

    assertThat(AuditChain.hmac(pads, message)).isEqualTo(mac.doFinal(message));
    assertThat(AuditChain.hmac(pads, message)).as("the pads are only cloned").isEqualTo(mac.doFinal(message));
  }

  /** Salts are 64 hex digits and never repeat, not even for the same entry id. */
  @Test
  void saltsAreDistinctEvenForOneEntryId() {
    java.util.Set<String> salts = new java.util.HashSet<>();
    for (int i = 0; i < 10_000; i++) {
      String salt = AuditChain.newSalt("same-id");
      assertThat(salt).matches("[0-9a-f]{64}");
      salts.add(salt);
    }
    assertThat(salts).hasSize(10_000);
  }

  private static byte[] concat(byte[]... parts) {
    java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
    for (byte[] part : parts) {
      out.writeBytes(part);
    }
    return out.toByteArray();
  }

  private static byte[] sha256(byte[] bytes) {
    try {
      return java.security.MessageDigest.getInstance("SHA-256").digest(bytes);
    } catch (java.security.NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  @Test
  void lengthPrefixesKeepShiftedFieldsApart() {
    AuditEntry a = AuditEntry.builder().from(entry("e-1")).subjectType("ab").subjectId("c").build();
    AuditEntry b = AuditEntry.builder().from(entry("e-1")).subjectType("a").subjectId("bc").build();
    AuditEntry absent = AuditEntry.builder().from(entry("e-1")).before(Optional.empty()).build();
    AuditEntry empty = AuditEntry.builder().from(entry("e-1")).before("").build();

    assertThat(AuditChain.hash(TENANT, 1, AuditChain.GENESIS, a)).isNotEqualTo(AuditChain.hash(TENANT, 1, AuditChain.GENESIS, b));
    assertThat(AuditChain.hash(TENANT, 1, AuditChain.GENESIS, absent))
        .isNotEqualTo(AuditChain.hash(TENANT, 1, AuditChain.GENESIS, empty));
  }

  @Test
  void linkNumbersFromTheHeadAndChainsEachToThePrevious() {
    List<AuditLink> first = AuditChain.link(TENANT, AuditChain.emptyHead(), List.of(entry("e-1"), entry("e-2")));
    List<AuditLink> second = AuditChain.link(TENANT, first.get(1).head(), List.of(entry("e-3")));

    assertThat(first).extracting(AuditLink::position).containsExactly(1L, 2L);
    assertThat(first.get(0).previousHash()).isEqualTo(AuditChain.GENESIS);
    assertThat(first.get(1).previousHash()).isEqualTo(first.get(0).hash());
    assertThat(second.get(0).position()).isEqualTo(3);
    assertThat(second.get(0).previousHash()).isEqualTo(first.get(1).hash());
    assertThat(first.get(0).entry().at()).isEqualTo(Instant.parse("2026-09-02T10:00:00.123456Z"));
  }

  @Test
  void anIntactChainVerifies() {
    List<AuditLink> links = AuditChain.link(TENANT, AuditChain.emptyHead(), List.of(entry("e-1"), entry("e-2"), entry("e-3")));

    assertThat(check(links, links.get(2).head())).isEqualTo(new AuditVerification(3, Optional.empty()));
    assertThat(check(List.of(), AuditChain.emptyHead()).intact()).isTrue();
  }

  @Test
  void eachKindOfTamperingIsNamedAtItsFirstPosition() {
    List<AuditLink> links = AuditChain.link(TENANT, AuditChain.emptyHead(),
        List.of(entry("e-1"), entry("e-2"), entry("e-3"), entry("e-4")));
    AuditChainHead head = links.get(3).head();

    List<AuditLink> edited = new ArrayList<>(links);
    AuditLink two = links.get(1);
    edited.set(1, new AuditLink(2, two.previousHash(), two.hash(), AuditEntry.builder().from(two.entry()).reason("forged").build()));
    assertBreak(check(edited, head), 2, AuditBreak.Kind.CONTENT_CHANGED, 1);

    List<AuditLink> rehashed = new ArrayList<>(links);
    AuditEntry forged = AuditEntry.builder().from(two.entry()).reason("forged").build();
    rehashed.set(1, new AuditLink(2, two.previousHash(), AuditChain.hash(TENANT, 2, two.previousHash(), forged), forged));
    assertBreak(check(rehashed, head), 3, AuditBreak.Kind.LINK_BROKEN, 2);

    List<AuditLink> gap = new ArrayList<>(links);
    gap.remove(2);
    assertBreak(check(gap, head), 3, AuditBreak.Kind.ENTRY_MISSING, 2);

    assertBreak(check(links.subList(0, 2), head), 3, AuditBreak.Kind.ENTRY_MISSING, 2);
    assertBreak(check(links, links.get(1).head()), 2, AuditBreak.Kind.HEAD_MISMATCH, 4);

    AuditChainCheck otherTenant = new AuditChainCheck(TenantId.of("district-43"));
    assertThat(otherTenant.accept(links.get(0))).isFalse();
    assertBreak(otherTenant.finish(head), 1, AuditBreak.Kind.CONTENT_CHANGED, 0);
  }

  private static void assertBreak(AuditVerification verification, long position, AuditBreak.Kind kind, long checked) {
    AuditBreak found = verification.firstBreak().orElseThrow();
    assertThat(found.position()).as(found.message()).isEqualTo(position);
    assertThat(found.kind()).as(found.message()).isEqualTo(kind);
    assertThat(verification.entriesChecked()).isEqualTo(checked);
    assertThat(verification.intact()).isFalse();
  }

  /** Version 2, pinned the same way (Python's hashlib), with a fixed salt. */
  @Test
  void theSecondVersionHashesSaltedDigestsOfThePersonalFields() {
    AuditEntry entry = AuditChain.stored(entry("e-1"));
    String salt = "ab".repeat(32);

    String digests = AuditChain.digests(entry, salt);

    assertThat(digests).isEqualTo("- c60351de65a582e0f9a866d9c67a91779bf7eaa1ca2294f777e94fc7fe104730 "
        + "88f2a6a122a4fc89c6c8d9981e3098e7985a1d96789180179e0cb359394d3e52");
    assertThat(AuditChain.hashVersion2(TENANT, 1, AuditChain.GENESIS, entry, digests))
        .isEqualTo("38c047e1da1c20a203393b179d0085c4fd8bfb3d7bf60168de3fcb0576c83650");
    AuditLink linked = AuditChain.link(TENANT, AuditChain.emptyHead(), List.of(entry)).get(0);
    assertThat(linked.seal().version()).isEqualTo(2);
    assertThat(AuditChain.expectedHash(TENANT, linked)).contains(linked.hash());
    assertThat(AuditChain.link(TENANT, AuditChain.emptyHead(), List.of(entry)).get(0).seal().salt())
        .as("a fresh salt per entry").isNotEqualTo(linked.seal().salt());
  }

  /** Entries 1 and 2 name Zoë; entry 3 erases her from both. */
  private static List<AuditLink> erasedChain(List<AuditLink> firstTwo) {
    List<AuditEntry> redacted = firstTwo.stream()
        .<AuditEntry>map(link -> AuditEntry.builder().from(link.entry()).reason("Erased user 1 left").build()).toList();
    java.util.TreeMap<Long, String> fingerprints = new java.util.TreeMap<>();
    for (int i = 0; i < 2; i++) {
      AuditLink link = firstTwo.get(i);
      fingerprints.put(link.position(), AuditChain.fingerprint(TENANT,
          new AuditLink(link.position(), link.previousHash(), link.hash(), redacted.get(i), link.seal())));
    }
    AuditEntry erasure = AuditEntry.builder().from(entry("e-3")).action(ChangeType.PERSONAL_DATA_ERASED).subjectType("user")
        .subjectId("zoe").after(ErasureManifest.write("personal data erased: user zoe", fingerprints)).reason("request").build();
    AuditLink third = AuditChain.link(TENANT, firstTwo.get(1).head(), List.of(erasure)).get(0);
    return List.of(AuditChain.erase(firstTwo.get(0), redacted.get(0), 3), AuditChain.erase(firstTwo.get(1), redacted.get(1), 3), third);
  }

  @Test
  void anErasedEntryOfEitherVersionVerifiesThroughItsErasure() {
    List<AuditLink> second = erasedChain(AuditChain.link(TENANT, AuditChain.emptyHead(), List.of(entry("e-1"), entry("e-2"))));
    List<AuditLink> first = erasedChain(AuditChain.linkVersion1(TENANT, AuditChain.emptyHead(), List.of(entry("e-1"), entry("e-2"))));

    assertThat(check(second, second.get(2).head())).isEqualTo(new AuditVerification(3, Optional.empty()));
    assertThat(check(first, first.get(2).head())).isEqualTo(new AuditVerification(3, Optional.empty()));
    assertThat(second.get(0).seal().salt()).isEmpty();
    assertThat(second.get(0).seal().digests()).isPresent();
    assertThat(AuditChain.expectedHash(TENANT, second.get(0))).contains(second.get(0).hash());
    assertThat(AuditChain.expectedHash(TENANT, first.get(0))).as("version 1 cannot re-compute").isEmpty();
    assertThat(second.get(0).entry().reason()).contains("Erased user 1 left");
  }

  @Test
  void whatAnErasureLeftIsCoveredByItAndAMarkWithoutAnErasureBreaksTheChain() {
    for (boolean version2 : List.of(true, false)) {
      List<AuditEntry> two = List.of(entry("e-1"), entry("e-2"));
      List<AuditLink> links = erasedChain(version2 ? AuditChain.link(TENANT, AuditChain.emptyHead(), two)
          : AuditChain.linkVersion1(TENANT, AuditChain.emptyHead(), two));
      AuditChainHead head = links.get(2).head();
      AuditLink one = links.get(0);

      List<AuditLink> edited = new ArrayList<>(links);
      edited.set(0, new AuditLink(1, one.previousHash(), one.hash(),
          AuditEntry.builder().from(one.entry()).reason("someone else left").build(), one.seal()));
      assertBreak(check(edited, head), 1, AuditBreak.Kind.CONTENT_CHANGED, 2);

      List<AuditLink> unmarked = new ArrayList<>(links);
      unmarked.set(1, new AuditLink(2, links.get(1).previousHash(), links.get(1).hash(), links.get(1).entry(),
          new org.licensekit.core.domain.AuditSeal(links.get(1).seal().version(), Optional.empty(), links.get(1).seal().digests(),
              Optional.of(5L))));
      assertThat(check(unmarked, head).intact()).as("marked erased by an entry beyond the newest").isFalse();

      List<AuditLink> notAnErasure = AuditChain.link(TENANT, AuditChain.emptyHead(), List.of(entry("e-1"), entry("e-2"), entry("e-3")));
      List<AuditLink> marked = new ArrayList<>(notAnErasure);
      AuditLink first = notAnErasure.get(0);
      marked.set(0, AuditChain.erase(first, AuditEntry.builder().from(first.entry()).reason("x").build(), 3));
      assertBreak(check(marked, notAnErasure.get(2).head()), 1, AuditBreak.Kind.CONTENT_CHANGED, 2);
    }
  }
  /**
   * A chunk's entries prepared in one pass (one buffer, the digests written straight into the
   * encoding) hash exactly as the documented version-2 encoding, written here field by field from
   * the class's documentation, and as the verifier re-computes them ({@link AuditChain#hashVersion2}
   * over {@link AuditChain#digests}): on seeded random entries with text beyond Latin-1, absent and
   * empty personal fields, and instants with nanoseconds.
   */
  @Test
  void preparedEntriesHashAsTheDocumentedEncodingOnSeededRandomEntries() {
    long seed = Long.getLong("licensekit.seed", new java.util.Random().nextLong());
    java.util.Random random = new java.util.Random(seed);
    List<AuditEntry> entries = new ArrayList<>();
    for (int i = 0; i < 300; i++) {
      entries.add(AuditEntry.builder().id("e-" + i + randomText(random)).at(Instant.ofEpochSecond(random.nextInt(2_000_000_000),
              random.nextInt(1_000_000_000))).actor(random.nextBoolean() ? Actor.systemAdministrator("admin-" + random.nextInt(1_000))
              : Actor.user(UserId.of("u" + i))).action(ChangeType.values()[random.nextInt(ChangeType.values().length)])
          .subjectType("claim").subjectId(randomText(random) + i)
          .user(random.nextBoolean() ? Optional.empty() : Optional.of(UserId.of("user-" + random.nextInt(1_000_000))))
          .before(randomField(random)).after(randomField(random)).reason(randomField(random)).build());
    }
    List<AuditChain.Prepared> prepared = AuditChain.prepare(TENANT, entries);
    String previous = AuditChain.GENESIS;
    for (int i = 0; i < prepared.size(); i++) {
      AuditChain.Prepared entry = prepared.get(i);
      AuditEntry stored = entry.entry();
      String salt = entry.seal().salt().orElseThrow();
      String documented = "licensekit-audit-v2" + field("district-42") + field(Long.toString(i + 1)) + field(previous)
          + field(stored.id()) + field(stored.at().getEpochSecond() + "." + String.format("%06d", stored.at().getNano() / 1000))
          + field(stored.actor().kind().name()) + field(stored.actor().id()) + field(stored.action().name())
          + field(stored.subjectType()) + field(stored.subjectId()) + stored.user().map(u -> field(u.value())).orElse("|-")
          + digestField(salt, "before", stored.before()) + digestField(salt, "after", stored.after())
          + digestField(salt, "reason", stored.reason());
      String hash = entry.hashAt(i + 1, previous);
      assertThat(hash).as("entry %s, rerun with -Dlicensekit.seed=%s", i, seed)
          .isEqualTo(java.util.HexFormat.of().formatHex(sha256(documented.getBytes(StandardCharsets.UTF_8))))
          .isEqualTo(AuditChain.hashVersion2(TENANT, i + 1, previous, stored, AuditChain.digests(stored, salt)));
      previous = hash;
    }
  }

  private static String field(String value) {
    return "|" + value.getBytes(StandardCharsets.UTF_8).length + ":" + value;
  }

  private static String digestField(String salt, String name, Optional<String> value) {
    return value.map(v -> field(java.util.HexFormat.of().formatHex(sha256(("licensekit-audit-v2-field" + field(salt) + field(name)
        + field(v)).getBytes(StandardCharsets.UTF_8))))).orElse("|-");
  }

  private static Optional<String> randomField(java.util.Random random) {
    return switch (random.nextInt(3)) {
      case 0 -> Optional.empty();
      case 1 -> Optional.of("");
      default -> Optional.of(randomText(random) + "|" + randomText(random));
    };
  }

  private static String randomText(java.util.Random random) {
    String alphabet = "az09 |:-\\t\né€学";
    StringBuilder text = new StringBuilder();
    for (int i = random.nextInt(30); i > 0; i--) {
      text.append(alphabet.charAt(random.nextInt(alphabet.length())));
    }
    return text.toString();
  }
}
