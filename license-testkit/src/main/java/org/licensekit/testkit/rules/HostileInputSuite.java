package org.licensekit.testkit.rules;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.licensekit.core.ConflictException;
import org.licensekit.core.FieldError;
import org.licensekit.core.InvalidInputException;
import org.licensekit.core.NotFoundException;
import org.licensekit.core.api.AuditQuery;
import org.licensekit.core.api.DefaultCatalog;
import org.licensekit.core.api.NewPool;
import org.licensekit.core.api.NewUser;
import org.licensekit.core.api.UserFilter;
import org.licensekit.core.api.UserUpdate;
import org.licensekit.core.api.report.ClaimsQuery;
import org.licensekit.core.domain.AuditEntry;
import org.licensekit.core.domain.JobProfile;
import org.licensekit.core.domain.JobProfileId;
import org.licensekit.core.domain.LicensePool;
import org.licensekit.core.domain.Organization;
import org.licensekit.core.domain.OrganizationId;
import org.licensekit.core.domain.PoolId;
import org.licensekit.core.domain.Term;
import org.licensekit.core.domain.UserAccount;
import org.licensekit.core.domain.UserId;
import org.licensekit.core.policy.InputRules;
import org.licensekit.testkit.LicensingTestSupport;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Seeded hostile input (at least 10,000 inputs per run, {@value SuiteSettings#SEED} printed and
 * replayable) over commands and queries of the public API: every input is either refused with
 * field-level errors ({@link InvalidInputException} naming fields, or a not-found or conflict
 * refusal) and writes nothing (the audit trail, which every write extends, does not grow), or it is
 * accepted and reads back exactly (names and reasons verbatim, e-mail addresses normalized). No
 * other exception — no SQL error, no overflow, no {@code NullPointerException} — may reach the
 * caller.
 */
public abstract class HostileInputSuite extends LicensingTestSupport {

  /** How many hostile inputs one run makes (default 10,000). */
  public static final String INPUTS = "licensekit.hostile.inputs";

  private static final Logger LOG = LoggerFactory.getLogger(HostileInputSuite.class);

  private UserId ana;
  private LicensePool pool;
  private int created;

  /** One hostile call; {@code input} describes what it sent, for the failure message. */
  @FunctionalInterface
  private interface HostileCall {
    void run(HostileValues values, StringBuilder input);
  }

  @BeforeEach
  void setUpKnownRecords() {
    pool = pool(OBSERVATION, 50);
    ana = activeUser("ana", DefaultCatalog.TEACHER, NORTH);
  }

  @Test
  void hostileInputIsRefusedByFieldOrStoredExactlyAndNeverLeaksAnError() {
    long seed = SuiteSettings.seed();
    int inputs = SuiteSettings.size(INPUTS, 10_000);
    LOG.info("hostile input: {} inputs, seed {} (replay with -D{}={})", inputs, seed, SuiteSettings.SEED, seed);
    Map<String, HostileCall> calls = calls();
    List<String> names = List.copyOf(calls.keySet());
    Random random = new Random(seed);
    HostileValues values = new HostileValues(random);
    Map<String, int[]> outcomes = new LinkedHashMap<>();
    for (int i = 0; i < inputs; i++) {
      String name = names.get(random.nextInt(names.size()));
      StringBuilder input = new StringBuilder();
      long auditBefore = admin.audit().count(AuditQuery.all());
      String where = "input #" + i + " (" + name + ") of seed " + seed + " [-D" + SuiteSettings.SEED + "=" + seed + "]";
      int[] tally = outcomes.computeIfAbsent(name, n -> new int[2]);
      try {
        calls.get(name).run(values, input);
        tally[0]++;
      } catch (InvalidInputException e) {
        assertThat(e.fields()).as("fields named on %s: %s", where, input).isNotEmpty();
        assertThat(e.errors()).extracting(FieldError::problem).as(where).allSatisfy(p -> assertThat(p).isNotBlank());
        assertThat(admin.audit().count(AuditQuery.all())).as("nothing written on refusal: %s %s", where, input).isEqualTo(auditBefore);
        tally[1]++;
      } catch (NotFoundException | ConflictException e) {
        assertThat(admin.audit().count(AuditQuery.all())).as("nothing written on refusal: %s %s", where, input).isEqualTo(auditBefore);
        tally[1]++;
      } catch (AssertionError e) {
        throw new AssertionError(where + " " + escaped(input) + ": " + e.getMessage(), e);
      } catch (RuntimeException e) {
        throw new AssertionError(where + " " + escaped(input) + " leaked " + e, e);
      }
    }
    outcomes.forEach((name, tally) -> LOG.info("hostile input {}: {} accepted, {} refused", name, tally[0], tally[1]));
    assertThat(admin.audit().verify().intact()).as("the audit chain after the run, seed %s", seed).isTrue();
  }

  private static String escaped(CharSequence input) {
    StringBuilder out = new StringBuilder();
    input.codePoints().forEach(c -> out.append(c < 0x20 || (c >= 0x7f && c < 0xa0) || Character.getType(c) == Character.FORMAT
        || Character.getType(c) == Character.SURROGATE ? String.format("\\u%04x", c) : new String(Character.toChars(c))));
    return out.toString();
  }

  private String nextId() {
    return "h-" + (++created);
  }

  private Map<String, HostileCall> calls() {
    Map<String, HostileCall> calls = new LinkedHashMap<>();
    calls.put("register", (v, in) -> {
      String id = v.chance(80) ? nextId() : v.text();
      String name = v.text();
      String email = v.email();
      in.append("id=").append(id).append(" name=").append(name).append(" email=").append(email);
      UserId user = UserId.of(id);
      admin.users().register(NewUser.builder().id(user).name(name).email(email).addOrganizations(NORTH).invite(v.chance(50)).build());
      UserAccount stored = admin.users().find(user).orElseThrow();
      assertThat(stored.name()).isEqualTo(name);
      assertThat(stored.email()).isEqualTo(InputRules.email(email));
    });
    calls.put("update user", (v, in) -> {
      String name = v.text();
      String email = v.email();
      in.append("name=").append(name).append(" email=").append(email);
      admin.users().update(UserUpdate.builder().id(ana).name(name).email(email).build());
      UserAccount stored = admin.users().find(ana).orElseThrow();
      assertThat(stored.name()).isEqualTo(name);
      assertThat(stored.email()).isEqualTo(InputRules.email(email));
    });
    calls.put("define organization", (v, in) -> {
      String id = v.chance(80) ? nextId() : v.text();
      String name = v.text();
      in.append("id=").append(id).append(" name=").append(name);
      Organization organization = Organization.child(OrganizationId.of(id), name, DISTRICT);
      admin.users().defineOrganization(organization);
      assertThat(admin.users().organizations()).contains(organization);
    });
    calls.put("define job profile", (v, in) -> {
      String name = v.text();
      in.append("name=").append(name);
      JobProfile profile = JobProfile.of(JobProfileId.of(nextId()), name, Set.of(DefaultCatalog.OBSERVER));
      admin.catalog().defineJobProfile(profile);
      assertThat(admin.catalog().jobProfiles()).contains(profile);
    });
    calls.put("add pool", (v, in) -> {
      int seats = v.number();
      Instant start = v.instant(START);
      Instant end = v.instant(START.plus(java.time.Duration.ofDays(300)));
      Optional<String> reference = v.chance(50) ? Optional.of(v.text()) : Optional.empty();
      in.append("seats=").append(seats).append(" start=").append(start).append(" end=").append(end).append(" reference=").append(reference);
      PoolId id = PoolId.of(nextId());
      admin.pools().add(NewPool.builder().id(id).product(OBSERVATION).seats(seats).term(Term.of(start, end)).reference(reference).build());
      LicensePool stored = admin.pools().find(id).orElseThrow().pool();
      assertThat(stored.seats()).isEqualTo(seats);
      assertThat(stored.term()).isEqualTo(Term.of(start, end));
      assertThat(stored.reference()).isEqualTo(reference);
    });
    calls.put("extend term", (v, in) -> {
      Instant end = v.instant(START.plus(java.time.Duration.ofDays(400)));
      String reason = v.text();
      in.append("newEnd=").append(end).append(" reason=").append(reason);
      admin.pools().extendTerm(pool.id(), end, reason);
      assertThat(admin.pools().find(pool.id()).orElseThrow().pool().term().end()).isEqualTo(end);
      assertThat(newestEntry().reason()).contains(reason);
    });
    calls.put("change seats", (v, in) -> {
      int seats = v.number();
      String reason = v.text();
      in.append("seats=").append(seats).append(" reason=").append(reason);
      admin.pools().changeSeats(pool.id(), seats, reason);
      assertThat(admin.pools().find(pool.id()).orElseThrow().pool().seats()).isEqualTo(seats);
      assertThat(newestEntry().reason()).contains(reason);
    });
    calls.put("suspend and reactivate", (v, in) -> {
      String reason = v.text();
      in.append("reason=").append(reason);
      admin.users().suspend(ana, reason);
      assertThat(newestEntry().reason()).contains(reason);
      admin.users().reactivate(ana);
    });
    calls.put("claims report", (v, in) -> {
      int limit = v.number();
      String sort = v.chance(50) ? v.text() : "userName";
      Optional<String> cursor = v.chance(70) ? Optional.of(v.cursor()) : Optional.empty();
      in.append("limit=").append(limit).append(" sortBy=").append(sort).append(" cursor=").append(cursor);
      ClaimsQuery.Builder query = ClaimsQuery.builder().limit(limit).sortBy(sort);
      cursor.ifPresent(query::cursor);
      assertThat(admin.reports().claims(query.build()).items().size()).isLessThanOrEqualTo(Math.max(limit, 0));
    });
    calls.put("audit page", (v, in) -> {
      int limit = v.number();
      String cursor = v.cursor();
      in.append("limit=").append(limit).append(" cursor=").append(cursor);
      assertThat(admin.audit().page(AuditQuery.builder().limit(limit).cursor(cursor).build()).items().size())
          .isLessThanOrEqualTo(limit);
    });
    calls.put("user search", (v, in) -> {
      String text = v.text();
      in.append("text=").append(text);
      long found = admin.bulk().count(UserFilter.builder().nameOrEmailContains(text).build());
      assertThat(found).isBetween(0L, (long) created + 1);
    });
    return calls;
  }

  private AuditEntry newestEntry() {
    return admin.audit().page(AuditQuery.builder().limit(1).build()).items().get(0);
  }
}
