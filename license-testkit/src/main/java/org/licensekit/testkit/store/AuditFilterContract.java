package org.licensekit.testkit.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.licensekit.testkit.fixtures.Fixtures.auditEntry;
import static org.licensekit.testkit.fixtures.Fixtures.day;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import java.util.function.Predicate;
import org.junit.jupiter.api.Test;
import org.licensekit.core.api.AuditQuery;
import org.licensekit.core.api.ImmutableAuditQuery;
import org.licensekit.core.domain.AuditEntry;
import org.licensekit.core.domain.AuditLink;
import org.licensekit.core.domain.ChangeType;
import org.licensekit.core.domain.TenantId;
import org.licensekit.core.domain.UserId;
import org.licensekit.core.spi.AuditStore;
import org.licensekit.testkit.fixtures.Fixtures;

/**
 * The audit trail's filters over appends of every size: a bulk chunk's hundreds of entries in one
 * append (a store may keep those apart from a command's few, as the JDBC store does on PostgreSQL)
 * and a command's few, with instants out of chain order. Every filter combination — user, subject,
 * actions, from / to — must answer {@link AuditStore#query}, {@link AuditStore#newestFirst} (page
 * by page, any page size) and {@link AuditStore#count} exactly as a filter over the whole trail in
 * chain order would. Seeded: a failure names the seed ({@code -Dlicensekit.seed=…} replays it).
 */
public abstract class AuditFilterContract extends StoreContractSupport {

  /** A bulk chunk's actions, interleaved user by user as the bulk paths append them. */
  private static final List<ChangeType> CHUNK_ACTIONS = List.of(ChangeType.USER_REGISTERED, ChangeType.MEMBERSHIP_ADDED,
      ChangeType.CLAIM_ASSIGNED, ChangeType.USER_INVITED, ChangeType.ROLE_GRANTED);
  /** A command's actions, and a chunk's rare ones. */
  private static final List<ChangeType> OTHER_ACTIONS = List.of(ChangeType.POOL_ADDED, ChangeType.USER_SUSPENDED,
      ChangeType.CLAIM_REVOKED, ChangeType.CLAIM_ASSIGNED, ChangeType.ROLE_GRANTED);
  private static final int USERS = 40;

  private AuditStore audit() {
    return store.audit();
  }

  @Test
  void everyFilterAnswersAsAFilterOverTheWholeTrailOnSeededRandomAppends() {
    long base = Long.getLong("licensekit.seed", new Random().nextLong());
    for (int round = 0; round < 2; round++) {
      long seed = base + round;
      try {
        compareOnce(seed);
      } catch (AssertionError | RuntimeException failure) {
        throw new AssertionError("an audit filter differs from a filter over the whole trail; rerun with -Dlicensekit.seed=" + seed
            + ": " + failure.getMessage(), failure);
      }
    }
  }

  private void compareOnce(long seed) {
    Random random = new Random(seed);
    TenantId trail = Fixtures.tenant();
    List<AuditEntry> all = new ArrayList<>();
    int appends = 6 + random.nextInt(5);
    for (int a = 0; a < appends; a++) {
      List<AuditEntry> entries = random.nextInt(3) == 0 ? command(random, a) : chunk(random, a);
      audit().append(trail, entries);
      all.addAll(entries);
    }
    audit().append(otherTenant, List.of(auditEntry("other-" + seed).user(UserId.of("u-1")).build()));
    for (int q = 0; q < 30; q++) {
      AuditQuery query = randomQuery(random, all);
      List<String> expected = all.stream().filter(matches(query)).map(AuditEntry::id).toList();
      String what = describe(query);
      assertThat(audit().count(trail, query)).as("count of %s", what).isEqualTo(expected.size());
      int limit = 1 + random.nextInt(60);
      assertThat(audit().query(trail, ImmutableAuditQuery.copyOf(query).withLimit(limit))).as("query of %s, limit %d", what, limit)
          .extracting(AuditEntry::id).containsExactlyElementsOf(expected.subList(0, Math.min(limit, expected.size())));
      List<String> newestFirst = new ArrayList<>(expected);
      Collections.reverse(newestFirst);
      assertThat(pages(trail, query, 5 + random.nextInt(100))).as("pages of %s", what).containsExactlyElementsOf(newestFirst);
    }
  }

  /** Every page of the query, newest first, each continuing below the last position of the one before. */
  private List<String> pages(TenantId trail, AuditQuery query, int limit) {
    List<String> read = new ArrayList<>();
    long before = Long.MAX_VALUE;
    for (int page = 0; page < 10_000; page++) {
      List<AuditLink> links = audit().newestFirst(trail, query, before, limit);
      links.forEach(link -> read.add(link.entry().id()));
      if (links.size() < limit) {
        return read;
      }
      before = links.get(links.size() - 1).position();
    }
    throw new AssertionError("more than 10,000 pages");
  }

  /** A bulk chunk: 70 to 400 entries, two to four frequent actions per user, a few rare ones, one or two instants. */
  private static List<AuditEntry> chunk(Random random, int append) {
    List<ChangeType> actions = new ArrayList<>(CHUNK_ACTIONS);
    Collections.shuffle(actions, random);
    actions = actions.subList(0, 2 + random.nextInt(3));
    Instant at = instant(random);
    Instant later = random.nextBoolean() ? at : at.plus(Duration.ofHours(1 + random.nextInt(30)));
    int users = 35 + random.nextInt(100);
    List<AuditEntry> entries = new ArrayList<>();
    for (int u = 0; u < users; u++) {
      for (ChangeType action : actions) {
        entries.add(entry(random, append, entries.size(), action, u < users / 2 ? at : later));
      }
      if (random.nextInt(25) == 0) {
        entries.add(entry(random, append, entries.size(), OTHER_ACTIONS.get(random.nextInt(OTHER_ACTIONS.size())), later));
      }
    }
    return entries;
  }

  /** A command's one to five entries, each with an instant of its own. */
  private static List<AuditEntry> command(Random random, int append) {
    List<AuditEntry> entries = new ArrayList<>();
    int n = 1 + random.nextInt(5);
    for (int i = 0; i < n; i++) {
      List<ChangeType> from = random.nextBoolean() ? OTHER_ACTIONS : CHUNK_ACTIONS;
      entries.add(entry(random, append, i, from.get(random.nextInt(from.size())), instant(random)));
    }
    return entries;
  }

  private static AuditEntry entry(Random random, int append, int index, ChangeType action, Instant at) {
    String user = "u-" + random.nextInt(USERS);
    return auditEntry("a" + append + "-" + index).action(action).at(at)
        .user(random.nextInt(10) == 0 ? Optional.empty() : Optional.of(UserId.of(user)))
        .subjectId(random.nextBoolean() ? user : "s-" + random.nextInt(60)).build();
  }

  /** Whole hours over ten days, so that a range's ends often fall on an entry's instant. */
  private static Instant instant(Random random) {
    return day(random.nextInt(10)).plus(Duration.ofHours(random.nextInt(4) * 6L));
  }

  private static AuditQuery randomQuery(Random random, List<AuditEntry> all) {
    ImmutableAuditQuery.Builder query = AuditQuery.builder();
    AuditEntry some = all.get(random.nextInt(all.size()));
    if (random.nextInt(4) == 0) {
      query.user(some.user().orElse(UserId.of("u-0")));
    }
    if (random.nextInt(5) == 0) {
      query.subjectId(some.subjectId());
    }
    if (random.nextInt(2) == 0) {
      List<ChangeType> actions = new ArrayList<>(CHUNK_ACTIONS);
      actions.addAll(OTHER_ACTIONS);
      for (int i = 0, n = 1 + random.nextInt(3); i < n; i++) {
        query.addActions(actions.get(random.nextInt(actions.size())));
      }
    }
    if (random.nextInt(2) == 0) {
      query.from(random.nextBoolean() ? some.at() : instant(random));
    }
    if (random.nextInt(2) == 0) {
      query.to(random.nextBoolean() ? some.at().plus(Duration.ofHours(random.nextInt(60))) : instant(random));
    }
    return query.build();
  }

  private static Predicate<AuditEntry> matches(AuditQuery query) {
    return entry -> query.user().map(user -> entry.user().equals(Optional.of(user))).orElse(true)
        && query.subjectId().map(entry.subjectId()::equals).orElse(true)
        && (query.actions().isEmpty() || query.actions().contains(entry.action()))
        && query.from().map(from -> !entry.at().isBefore(from)).orElse(true)
        && query.to().map(to -> entry.at().isBefore(to)).orElse(true);
  }

  private static String describe(AuditQuery query) {
    return "user " + query.user().map(UserId::value).orElse("-") + ", subject " + query.subjectId().orElse("-") + ", actions "
        + query.actions() + ", from " + query.from().map(Instant::toString).orElse("-") + ", to "
        + query.to().map(Instant::toString).orElse("-");
  }
}
