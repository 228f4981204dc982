package org.licensekit.core.cache;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.licensekit.core.cache.CacheWorld.ANA;
import static org.licensekit.core.cache.CacheWorld.BO;
import static org.licensekit.core.cache.CacheWorld.CY;

import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.licensekit.core.InvalidInputException;
import org.licensekit.core.domain.TenantId;
import org.licensekit.core.domain.UserAccount;

/** The two limits: how stale a change made elsewhere may be seen, and how many snapshots are kept. */
class CacheLimitsTest {

  private static final Duration STALENESS = Duration.ofSeconds(5);

  private final RecordingStore recording = new RecordingStore();
  private final FakeTicker ticker = new FakeTicker();
  private final TenantId tenant = CacheWorld.writtenTo(recording.underlying()).tenant;
  private final UserAccount renamed = CacheWorld.user(ANA, "Ana Lopez-Ruiz");

  private CachingLicenseStore cached(CacheSettings.Builder settings) {
    return CachingLicenseStore.wrap(recording.store(), settings.ticker(ticker).build());
  }

  @Test
  void aChangeMadeByAnotherJvmIsSeenOnceTheMaximumStalenessHasPassed() {
    CachingLicenseStore cached = cached(CacheSettings.custom().maximumStaleness(STALENESS));
    Optional<UserAccount> before = cached.directory().findUser(tenant, ANA);

    recording.underlying().directory().updateUser(tenant, renamed); // another JVM, same database
    ticker.advance(STALENESS.minusNanos(1));
    assertThat(cached.directory().findUser(tenant, ANA)).isEqualTo(before);

    ticker.advance(Duration.ofNanos(1));
    assertThat(cached.directory().findUser(tenant, ANA)).contains(renamed);
  }

  @Test
  void stalenessCountsFromWhenTheReadThatFilledTheCacheBegan() {
    CachingLicenseStore cached = cached(CacheSettings.custom().maximumStaleness(STALENESS));
    recording.interceptNext("directory.findUser", proceed -> {
      Object answer = proceed.call();
      ticker.advance(Duration.ofSeconds(2)); // a slow query
      return answer;
    });
    cached.directory().findUser(tenant, ANA);
    recording.underlying().directory().updateUser(tenant, renamed);

    ticker.advance(Duration.ofSeconds(3));

    assertThat(cached.directory().findUser(tenant, ANA)).contains(renamed);
  }

  @Test
  void anExpiredResultIsReadAgainAndThenServedForAnotherPeriod() {
    CachingLicenseStore cached = cached(CacheSettings.custom().maximumStaleness(STALENESS));
    cached.catalog().listRoles(tenant);
    ticker.advance(STALENESS);

    cached.catalog().listRoles(tenant);
    ticker.advance(STALENESS.minusNanos(1));
    cached.catalog().listRoles(tenant);

    assertThat(recording.calls("catalog.listRoles")).isEqualTo(2);
  }

  @Test
  void theLeastRecentlyUsedSnapshotGoesWhenTheMaximumIsReached() {
    CachingLicenseStore cached = cached(CacheSettings.custom().maximumSnapshots(2));
    cached.directory().findUser(tenant, ANA);
    cached.directory().findUser(tenant, BO);
    cached.directory().findUser(tenant, ANA);
    cached.directory().findUser(tenant, CY);
    assertThat(cached.snapshotCount()).isEqualTo(2);
    recording.resetCounts();

    cached.directory().findUser(tenant, ANA);
    cached.directory().findUser(tenant, CY);
    assertThat(recording.calls("directory.findUser")).as("ana and cy are still cached").isZero();
    cached.directory().findUser(tenant, BO);
    assertThat(recording.calls("directory.findUser")).as("bo was evicted").isEqualTo(1);
    assertThat(cached.snapshotCount()).isEqualTo(2);
  }

  @Test
  void defaultsAreFiveSecondsAndOneHundredThousandSnapshots() {
    assertThat(CacheSettings.ofDefaults().maximumStaleness()).isEqualTo(Duration.ofSeconds(5));
    assertThat(CacheSettings.ofDefaults().maximumSnapshots()).isEqualTo(100_000);
  }

  @Test
  void settingsRefuseAStalenessThatIsNotPositiveAndAMaximumBelowOne() {
    assertThatThrownBy(() -> CacheSettings.custom().maximumStaleness(Duration.ZERO))
        .isInstanceOfSatisfying(InvalidInputException.class, e -> assertThat(e.fields()).containsExactly("maximumStaleness"));
    assertThatThrownBy(() -> CacheSettings.custom().maximumStaleness(Duration.ofSeconds(-1)))
        .isInstanceOfSatisfying(InvalidInputException.class, e -> assertThat(e.fields()).containsExactly("maximumStaleness"));
    assertThatThrownBy(() -> CacheSettings.custom().maximumSnapshots(0))
        .isInstanceOfSatisfying(InvalidInputException.class, e -> assertThat(e.fields()).containsExactly("maximumSnapshots"));
  }
}
