package org.licensekit.jdbc;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import javax.sql.DataSource;
import org.licensekit.testkit.rules.CommittedChange;
import org.licensekit.testkit.rules.CommittedChange.Kind;

/**
 * The rules after a multi-JVM torture run, read straight from the database's tables rather than
 * through LicenseKit: the seat counters, the one-live-claim rule, each claim's history in the audit
 * trail (in chain order, which is commit order: appending locks the tenant's chain head), each
 * account's status and e-mail and each membership's roles against the audit trail folded in that
 * order and against what the worker JVMs wrote down as committed, and the outbox against what the
 * de-duplicating receiver got. Each broken rule is one line of {@link #violations()}.
 */
final class TortureDatabaseOracle {

  private static final Pattern STATUS = Pattern.compile("status=([A-Z]+)");
  private static final Pattern EMAIL = Pattern.compile("email=([^,}\\]]+)");
  private static final Pattern ROLES = Pattern.compile("roles=\\[([^\\]]*)\\]");
  private static final Set<String> STATUS_CHANGES = Set.of(
      "USER_REGISTERED", "USER_ACTIVATED", "USER_SUSPENDED", "USER_REACTIVATED", "USER_ARCHIVED");
  private static final Set<String> CLAIM_ENDS = Set.of("CLAIM_REVOKED", "CLAIM_EXPIRED");
  private static final Set<String> CLAIM_CHANGES = Set.of(
      "CLAIM_ASSIGNED", "CLAIM_ACTIVATED", "CLAIM_REVOKED", "CLAIM_EXPIRED", "CLAIM_MOVED", "CLAIM_MADE_DIRECT");

  /** One delivery the receiver got (or one message the outbox holds): its stable id, tenant and topic. */
  record Receipt(String id, String tenant, String topic) {}

  private final DataSource dataSource;
  private final List<String> violations = new ArrayList<>();
  private final Map<String, Long> figures = new LinkedHashMap<>();

  TortureDatabaseOracle(DataSource dataSource) {
    this.dataSource = dataSource;
  }

  List<String> violations() {
    return violations;
  }

  /** What the checks counted: claims, audit entries, outbox messages, deliveries and duplicates. */
  Map<String, Long> figures() {
    return figures;
  }

  /** Rules 1 and 2 from the tables: counters equal live claims and stay within the seats; one live claim per user × product. */
  void checkSeats() throws SQLException {
    query("SELECT p.tenant_id, p.id, p.seats, p.seats_in_use, count(c.id) FROM lk_pools p LEFT JOIN lk_claims c "
        + "ON c.tenant_id = p.tenant_id AND c.pool_id = p.id AND c.status IN ('PENDING', 'ACTIVE') "
        + "GROUP BY p.tenant_id, p.id, p.seats, p.seats_in_use", row -> {
          String pool = row.getString(1) + "/" + row.getString(2);
          int seats = row.getInt(3);
          int counter = row.getInt(4);
          long live = row.getLong(5);
          if (counter != live) {
            violations.add("rule 1: pool " + pool + " counts " + counter + " seats in use but " + live + " live claims hold one");
          }
          if (live > seats) {
            violations.add("rule 1: pool " + pool + " has " + live + " live claims for " + seats + " seats");
          }
        });
    query("SELECT tenant_id, user_id, product_id, count(*) FROM lk_claims WHERE status IN ('PENDING', 'ACTIVE') "
        + "GROUP BY tenant_id, user_id, product_id HAVING count(*) > 1",
        row -> violations.add("rule 2: " + row.getLong(4) + " live claims of " + row.getString(2) + " × " + row.getString(3)
            + " in " + row.getString(1)));
    query("SELECT count(*) FROM lk_claims c WHERE NOT EXISTS (SELECT 1 FROM lk_pools p WHERE p.tenant_id = c.tenant_id AND p.id = c.pool_id)",
        row -> {
          if (row.getLong(1) > 0) {
            violations.add("rule 1: " + row.getLong(1) + " claims name no pool");
          }
        });
  }

  /**
   * Rule 3 from the audit trail: each claim's entries, in chain order, start with its assignment,
   * activate it at most once and end it at most once (nothing changes it after), and agree with the
   * claim's final status; no entry names a claim that does not exist.
   */
  void checkClaimHistories() throws SQLException {
    Map<String, List<String>> histories = new HashMap<>();
    query("SELECT tenant_id, subject_id, action FROM lk_audit_entries WHERE subject_type = 'claim' ORDER BY tenant_id, chain_position",
        row -> histories.computeIfAbsent(row.getString(1) + "/" + row.getString(2), k -> new ArrayList<>()).add(row.getString(3)));
    Set<String> claims = new HashSet<>();
    query("SELECT tenant_id, id, status, claimed_at FROM lk_claims", row -> {
      String claim = row.getString(1) + "/" + row.getString(2);
      claims.add(claim);
      checkHistory(claim, row.getString(3), row.getTimestamp(4) != null, histories.getOrDefault(claim, List.of()));
    });
    histories.keySet().stream().filter(claim -> !claims.contains(claim))
        .forEach(claim -> violations.add("rule 3: audit entries " + histories.get(claim) + " name claim " + claim + ", which does not exist"));
    figures.put("claims", (long) claims.size());
  }

  private void checkHistory(String claim, String status, boolean claimed, List<String> history) {
    List<String> changes = history.stream().filter(CLAIM_CHANGES::contains).toList();
    String said = "rule 3: claim " + claim + " (" + status + ") has history " + changes + ": ";
    if (changes.isEmpty() || !changes.get(0).equals("CLAIM_ASSIGNED") || changes.lastIndexOf("CLAIM_ASSIGNED") != 0) {
      violations.add(said + "it must start with its one assignment");
      return;
    }
    int end = -1;
    for (int i = 0; i < changes.size(); i++) {
      if (CLAIM_ENDS.contains(changes.get(i))) {
        if (end >= 0) {
          violations.add(said + "ended twice");
        }
        end = i;
      } else if (end >= 0) {
        violations.add(said + changes.get(i) + " after its end");
      }
    }
    long activations = changes.stream().filter("CLAIM_ACTIVATED"::equals).count();
    if (activations > 1) {
      violations.add(said + "activated twice");
    }
    String expectedEnd = switch (status) {
      case "REVOKED" -> "CLAIM_REVOKED";
      case "EXPIRED" -> "CLAIM_EXPIRED";
      default -> "";
    };
    String lastEnd = end < 0 ? "" : changes.get(end);
    if (!lastEnd.equals(expectedEnd)) {
      violations.add(said + "its status disagrees with its " + (end < 0 ? "missing end" : "end " + lastEnd));
    }
    if (status.equals("PENDING") && activations > 0) {
      violations.add(said + "pending after an activation");
    }
    if (activations > 0 && !claimed) {
      violations.add(said + "activated but not stamped claimed");
    }
  }

  /**
   * No lost status or e-mail: each account's status is the one its last status change in the audit
   * trail wrote, and its e-mail the one its registration or last edit wrote; an edit never writes a
   * status other than the one in force (an edit racing a suspension must not put ACTIVE back).
   * Against the workers' logs: each committed activation, suspension, reactivation and e-mail edit
   * has exactly its audit entry, and an archived account was archived once.
   */
  void checkAccounts(List<CommittedChange> commits) throws SQLException {
    Map<String, String> folded = new HashMap<>();
    Map<String, String> foldedEmail = new HashMap<>();
    Map<String, Long> audited = new HashMap<>();
    Map<String, Integer> editsSeen = new HashMap<>();
    query("SELECT tenant_id, subject_id, action, before_state, after_state FROM lk_audit_entries WHERE subject_type = 'user' "
        + "ORDER BY tenant_id, chain_position", row -> {
          String user = row.getString(1) + "/" + row.getString(2);
          String tenant = row.getString(1);
          String action = row.getString(3);
          String afterText = row.getString(5);
          audited.merge(user + " " + action, 1L, Long::sum);
          Optional<String> after = Optional.ofNullable(row.getString(5));
          if (STATUS_CHANGES.contains(action)) {
            after.flatMap(a -> find(STATUS, a)).ifPresentOrElse(s -> folded.put(user, s),
                () -> violations.add("audit: " + action + " of " + user + " names no status: " + afterText));
          }
          if (action.equals("USER_UPDATED")) {
            Optional<String> wrote = after.flatMap(a -> find(STATUS, a));
            if (!wrote.equals(Optional.ofNullable(folded.get(user)))) {
              violations.add("lost status: an e-mail edit of " + user + " wrote status " + wrote.orElse("?") + " while "
                  + folded.get(user) + " was in force");
            }
            after.flatMap(a -> find(EMAIL, a)).ifPresent(e -> editsSeen.merge(tenant + "/" + e, 1, Integer::sum));
          }
          if (action.equals("USER_REGISTERED") || action.equals("USER_UPDATED")) {
            after.flatMap(a -> find(EMAIL, a)).ifPresent(e -> foldedEmail.put(user, e));
          }
        });
    Set<String> users = new HashSet<>();
    query("SELECT tenant_id, id, status, email FROM lk_users", row -> {
      String user = row.getString(1) + "/" + row.getString(2);
      users.add(user);
      if (!row.getString(3).equals(folded.get(user))) {
        violations.add("lost status: " + user + " is " + row.getString(3) + " but its last audited status change made it "
            + folded.get(user));
      }
      if (!row.getString(4).equals(foldedEmail.get(user))) {
        violations.add("lost e-mail: " + user + " has " + row.getString(4) + " but its last audited edit wrote "
            + foldedEmail.get(user));
      }
    });
    folded.keySet().stream().filter(user -> !users.contains(user))
        .forEach(user -> violations.add("audit names user " + user + ", who does not exist"));
    compareWithLogs(commits, audited, editsSeen);
  }

  private void compareWithLogs(List<CommittedChange> commits, Map<String, Long> audited, Map<String, Integer> editsSeen) {
    Map<String, Long> logged = commits.stream().collect(Collectors.groupingBy(
        c -> c.tenant() + "/" + c.user() + " " + c.kind(), Collectors.counting()));
    Map<Kind, String> entryOf = Map.of(Kind.ACTIVATE, "USER_ACTIVATED", Kind.SUSPEND, "USER_SUSPENDED",
        Kind.REACTIVATE, "USER_REACTIVATED", Kind.EDIT_EMAIL, "USER_UPDATED");
    Set<String> users = commits.stream().map(c -> c.tenant() + "/" + c.user()).collect(Collectors.toCollection(TreeSet::new));
    audited.keySet().stream().map(k -> k.substring(0, k.indexOf(' '))).forEach(users::add);
    for (String user : users) {
      entryOf.forEach((kind, entry) -> {
        long committed = logged.getOrDefault(user + " " + kind, 0L);
        long entries = audited.getOrDefault(user + " " + entry, 0L);
        if (committed != entries) {
          violations.add("log vs audit: " + user + " has " + committed + " committed " + kind + " but " + entries + " " + entry + " entries");
        }
      });
      long archived = audited.getOrDefault(user + " USER_ARCHIVED", 0L);
      long archives = logged.getOrDefault(user + " " + Kind.ARCHIVE, 0L);
      long offboardings = logged.getOrDefault(user + " " + Kind.OFFBOARD, 0L);
      if (archived > 1 || archives > 1 || (archives + offboardings > 0 && archived != 1) || (archived == 1 && archives + offboardings == 0)) {
        violations.add("log vs audit: " + user + " has " + archives + " committed archivals and " + offboardings
            + " offboardings but " + archived + " USER_ARCHIVED entries");
      }
    }
    commits.stream().filter(c -> c.kind() == Kind.EDIT_EMAIL)
        .filter(c -> editsSeen.getOrDefault(c.tenant() + "/" + c.value(), 0) != 1)
        .forEach(c -> violations.add("log vs audit: the committed edit of " + c.user() + " to " + c.value() + " has "
            + editsSeen.getOrDefault(c.tenant() + "/" + c.value(), 0) + " USER_UPDATED entries"));
    figures.put("committed account and role changes", (long) commits.size());
  }

  /**
   * No lost role: each membership's roles are what its audit entries, folded in chain order, say
   * (added with its roles, a role granted or revoked, removed), and each committed grant of the
   * workers' logs is in an entry of its membership.
   */
  void checkMemberships(List<CommittedChange> commits) throws SQLException {
    Map<String, Optional<Set<String>>> folded = new HashMap<>();
    Map<String, List<Set<String>>> written = new HashMap<>();
    query("SELECT tenant_id, subject_id, action, after_state FROM lk_audit_entries WHERE subject_type = 'membership' "
        + "ORDER BY tenant_id, chain_position", row -> {
          String membership = row.getString(1) + "/" + row.getString(2);
          if (row.getString(3).equals("MEMBERSHIP_REMOVED")) {
            folded.put(membership, Optional.empty());
            return;
          }
          Optional<Set<String>> roles = Optional.ofNullable(row.getString(4)).flatMap(a -> find(ROLES, a)).map(TortureDatabaseOracle::roleSet);
          if (roles.isEmpty()) {
            violations.add("audit: " + row.getString(3) + " of " + membership + " names no roles: " + row.getString(4));
            return;
          }
          folded.put(membership, roles);
          written.computeIfAbsent(membership, k -> new ArrayList<>()).add(roles.get());
        });
    Map<String, Set<String>> stored = new HashMap<>();
    query("SELECT m.tenant_id, m.user_id, m.organization_id, r.role_id FROM lk_memberships m LEFT JOIN lk_membership_roles r "
        + "ON r.tenant_id = m.tenant_id AND r.user_id = m.user_id AND r.organization_id = m.organization_id", row -> {
          Set<String> roles = stored.computeIfAbsent(row.getString(1) + "/" + row.getString(2) + "@" + row.getString(3), k -> new TreeSet<>());
          Optional.ofNullable(row.getString(4)).ifPresent(roles::add);
        });
    Set<String> memberships = new TreeSet<>(stored.keySet());
    folded.forEach((membership, roles) -> roles.ifPresent(r -> memberships.add(membership)));
    for (String membership : memberships) {
      Optional<Set<String>> expected = folded.getOrDefault(membership, Optional.empty());
      Optional<Set<String>> actual = Optional.ofNullable(stored.get(membership));
      if (!expected.equals(actual)) {
        violations.add("lost role: membership " + membership + " holds " + actual.map(Object::toString).orElse("nothing")
            + " but its audit entries say " + expected.map(Object::toString).orElse("removed"));
      }
    }
    commits.stream().filter(c -> c.kind() == Kind.GRANT_ROLE)
        .filter(c -> written.getOrDefault(c.tenant() + "/" + c.user() + "@" + c.organization(), List.of()).stream()
            .noneMatch(roles -> roles.contains(c.role())))
        .forEach(c -> violations.add("log vs audit: the committed grant of " + c.role() + " to " + c.user() + " in "
            + c.organization() + " is in no audit entry of the membership"));
    figures.put("memberships", (long) memberships.size());
  }

  /**
   * Every outbox message delivered, and exactly once to the de-duplicating receiver: each stored
   * message is marked delivered and was received (under its tenant and topic) at least once — a
   * bulk run's batch message ({@code NOTIFICATIONS}, {@code EVENTS}) as each of its notifications
   * or events, under the batch's id and its place — and nothing was received that the outbox does not hold (a message
   * of a rolled-back transaction).
   */
  void checkOutbox(List<Receipt> deliveries) throws SQLException {
    Map<String, Receipt> outbox = new HashMap<>();
    Map<String, Long> notDelivered = new HashMap<>();
    long[] rows = new long[1];
    query("SELECT tenant_id, id, topic, status, payload FROM lk_outbox", row -> {
      rows[0]++;
      String id = row.getString(2);
      if (row.getString(3).equals("NOTIFICATIONS") || row.getString(3).equals("EVENTS")) {
        String each = row.getString(3).equals("EVENTS") ? "EVENT" : "NOTIFICATION";
        int batched = row.getString(5).split("\n", -1).length;
        for (int place = 1; place <= batched; place++) {
          outbox.put(id + "/" + place, new Receipt(id + "/" + place, row.getString(1), each));
        }
      } else {
        outbox.put(id, new Receipt(id, row.getString(1), row.getString(3)));
      }
      if (!row.getString(4).equals("DELIVERED")) {
        notDelivered.merge(row.getString(4), 1L, Long::sum);
      }
    });
    Map<String, Long> received = deliveries.stream().collect(Collectors.groupingBy(Receipt::id, Collectors.counting()));
    notDelivered.forEach((status, count) -> violations.add("outbox: " + count + " messages left " + status));
    outbox.values().stream().filter(m -> !received.containsKey(m.id()))
        .forEach(m -> violations.add("outbox: message " + m + " never reached the receiver"));
    deliveries.stream().filter(d -> !d.equals(outbox.get(d.id()))).distinct()
        .forEach(d -> violations.add("outbox: the receiver got " + d + ", which the outbox holds as " + outbox.get(d.id())));
    figures.put("outbox messages", rows[0]);
    figures.put("messages to deliver (a batch's notifications each)", (long) outbox.size());
    figures.put("deliveries", (long) deliveries.size());
    figures.put("duplicate deliveries", received.values().stream().mapToLong(n -> n - 1).sum());
  }

  /** How many audit entries the tenants have. */
  void countAudit() throws SQLException {
    query("SELECT count(*) FROM lk_audit_entries", row -> figures.put("audit entries", row.getLong(1)));
  }

  /**
   * The audit entries of the users a violation names (and every settings change), in chain order,
   * for the failure report: who did what when the rule broke.
   */
  String trailOf(List<String> violations) throws SQLException {
    Pattern named = Pattern.compile("(torture-\\d+-\\d+)\\W.*?\\b(u\\d)\\b");
    Set<String> users = new TreeSet<>();
    for (String violation : violations) {
      Matcher matcher = named.matcher(violation);
      if (matcher.find()) {
        users.add(matcher.group(1) + "/" + matcher.group(2));
      }
    }
    StringBuilder trail = new StringBuilder();
    query("SELECT tenant_id, chain_position, occurred_at, action, subject_id, actor_id, user_id, after_state FROM lk_audit_entries "
        + "ORDER BY tenant_id, chain_position", row -> {
          boolean settings = row.getString(4).equals("SETTINGS_CHANGED");
          if (settings || users.contains(row.getString(1) + "/" + row.getString(7))) {
            String after = Optional.ofNullable(row.getString(8)).orElse("");
            trail.append(String.format("%n  %s #%d %s %s %s by %s: %s", row.getString(1), row.getLong(2), row.getTimestamp(3).toInstant(),
                row.getString(4), row.getString(5), row.getString(6), after.length() > 160 ? after.substring(0, 160) + "…" : after));
          }
        });
    return trail.toString();
  }

  private static Optional<String> find(Pattern pattern, String text) {
    Matcher matcher = pattern.matcher(text);
    return matcher.find() ? Optional.of(matcher.group(1).trim()) : Optional.empty();
  }

  private static Set<String> roleSet(String list) {
    return Arrays.stream(list.split(",")).map(String::trim).filter(s -> !s.isEmpty()).collect(Collectors.toCollection(TreeSet::new));
  }

  @FunctionalInterface
  private interface RowCheck {
    void accept(ResultSet row) throws SQLException;
  }

  private void query(String sql, RowCheck check) throws SQLException {
    try (Connection connection = dataSource.getConnection();
        Statement statement = connection.createStatement();
        ResultSet rows = statement.executeQuery(sql)) {
      while (rows.next()) {
        check.accept(rows);
      }
    }
  }
}
