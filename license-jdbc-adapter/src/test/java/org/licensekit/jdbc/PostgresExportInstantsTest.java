package org.licensekit.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.licensekit.core.api.DefaultCatalog;
import org.licensekit.core.api.report.ClaimRow;
import org.licensekit.core.api.report.ClaimSortKey;
import org.licensekit.core.api.report.ClaimsQuery;
import org.licensekit.core.api.report.SortDirection;
import org.licensekit.core.domain.AccountStatus;
import org.licensekit.core.domain.UserId;
import org.licensekit.core.spi.LicenseStore;
import org.licensekit.testkit.reports.ReportsTestSupport;

/**
 * The claims export on PostgreSQL reads its instants in the driver's binary form ({@link
 * Sql#forEach}, {@link PostgresInstants}): every instant reads back as the driver reads its text,
 * before and after 1970 and 2000, to the microsecond, and the streamed export gives the report's
 * pages row for row, ties on one instant included.
 */
class PostgresExportInstantsTest extends ReportsTestSupport {

  private static final class Shared {
    static final PostgresTestDatabase DATABASE = PostgresTestDatabase.create();
    static final LicenseStore STORE = JdbcLicenseStore.builder(SharedStores.pooled(DATABASE, 4)).build();
  }

  @Override
  protected LicenseStore createStore() {
    return Shared.STORE;
  }

  /** Seconds from 1900-01-01 to 2200-01-01, the range the random instants are drawn from. */
  private static final long FROM = Instant.parse("1900-01-01T00:00:00Z").getEpochSecond();
  private static final long SPAN = Instant.parse("2200-01-01T00:00:00Z").getEpochSecond() - FROM;

  private static Instant randomInstant(Random random) {
    return Instant.ofEpochSecond(FROM + Math.floorMod(random.nextLong(), SPAN), random.nextInt(1_000_000) * 1_000L);
  }

  @Test
  void binaryTimestampsReadBackAsTheDriverReadsTheirText() {
    long seed = System.nanoTime();
    Random random = new Random(seed);
    List<String> instants = new ArrayList<>(List.of("2000-01-01T00:00:00Z", "1999-12-31T23:59:59.999999Z",
        "2000-01-01T00:00:00.000001Z", "1970-01-01T00:00:00Z", "1969-12-31T23:59:59.999999Z", "1900-03-01T12:00:00.5Z",
        "2199-12-31T23:59:59.999999Z"));
    for (int i = 0; i < 500; i++) {
      instants.add(randomInstant(random).toString());
    }
    JdbcTransactions transactions = new JdbcTransactions(Shared.DATABASE.dataSource(), 0, HostTransaction.none());
    Sql sql = new Sql(transactions, Dialect.POSTGRESQL);
    List<Optional<Instant>> binary = new ArrayList<>();
    String select = "SELECT t::timestamptz FROM unnest(?::text[]) WITH ORDINALITY AS i(t, n) ORDER BY n";
    Object[] params = {instants.toArray(String[]::new)};

    long read = transactions.inTransaction(() -> sql.forEach(select, 100, row -> binary.add(PostgresInstants.fromBinary(row.getBytes(1))),
        params));
    // the same statement run once through the driver's default path, which reads the text form
    List<Instant> text = sql.list(select, row -> row.getObject(1, OffsetDateTime.class).toInstant(), params);

    assertThat(read).isEqualTo(instants.size());
    for (int i = 0; i < instants.size(); i++) {
      Instant expected = Instant.parse(instants.get(i));
      assertThat(binary.get(i)).as("seed %d, %s", seed, instants.get(i)).contains(expected);
      assertThat(text.get(i)).as("seed %d, %s", seed, instants.get(i)).isEqualTo(expected);
    }
  }

  @Test
  void infinityAndTextAreLeftToTheDriver() {
    assertThat(PostgresInstants.fromBinary(new byte[] {0x7f, -1, -1, -1, -1, -1, -1, -1})).isEmpty();
    assertThat(PostgresInstants.fromBinary(new byte[] {-128, 0, 0, 0, 0, 0, 0, 0})).isEmpty();
    assertThat(PostgresInstants.fromBinary("2000-01-01 00:00:00+00".getBytes(java.nio.charset.StandardCharsets.US_ASCII))).isEmpty();
    assertThat(PostgresInstants.fromBinary(new byte[8])).contains(Instant.parse("2000-01-01T00:00:00Z"));
    assertThat(PostgresInstants.fromBinary(new byte[] {-1, -1, -1, -1, -1, -1, -1, -1}))
        .contains(Instant.parse("1999-12-31T23:59:59.999999Z"));
  }

  @Test
  void streamedExportGivesThePagesRowForRowWithInstantsOfEveryEra() {
    long seed = System.nanoTime();
    Random random = new Random(seed);
    org.licensekit.core.domain.PoolId pool = pool("eras", OBSERVATION, 100, schoolYear(), Optional.empty()).id();
    Instant shared = randomInstant(random);
    for (int i = 0; i < 40; i++) {
      UserId user = importedUser("era-" + i, "era" + i + "@example.org", AccountStatus.ACTIVE).id();
      // every fourth claim on one instant: a tie group the export's order breaks by claim id
      Instant assigned = i % 4 == 0 ? shared : randomInstant(random);
      importedClaim("era-claim-" + (char) ('a' + random.nextInt(26)) + i, user, OBSERVATION, pool, i % 2 == 0, assigned);
    }
    UserId claimer = person("claimer", "Claire", "claire@example.org", DefaultCatalog.TEACHER, NORTH);
    claimNow(claimer, OBSERVATION);

    for (SortDirection direction : SortDirection.values()) {
      ClaimsQuery query = ClaimsQuery.builder().sortBy(ClaimSortKey.ASSIGNED_AT).direction(direction).limit(3).build();
      List<ClaimRow> streamed = new ArrayList<>();

      long written = reporter().reports().forEachClaim(query, streamed::add);

      assertThat(written).isEqualTo(41);
      assertThat(streamed).as("seed %d, %s", seed, direction).isEqualTo(allPages(query));
      assertThat(streamed).filteredOn(row -> row.assignedAt().equals(shared)).hasSize(10);
      assertThat(streamed).filteredOn(row -> row.user().equals(claimer)).singleElement()
          .satisfies(row -> assertThat(row.claimedAt()).isPresent());
    }
  }
}
