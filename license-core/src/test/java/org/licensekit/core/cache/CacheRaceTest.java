package org.licensekit.core.cache;

import static org.assertj.core.api.Assertions.assertThat;
import static org.licensekit.core.cache.CacheWorld.ANA;

import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.licensekit.core.domain.TenantId;
import org.licensekit.core.domain.UserAccount;

/**
 * The load/invalidate race, made deterministic: a reader has loaded the old value from the wrapped
 * store but not stored it yet when a write invalidates. The reader returns what it read (true when
 * it read it) but must not leave it in the cache.
 */
class CacheRaceTest {

  private static final long TIMEOUT_SECONDS = 30;

  private final RecordingStore recording = new RecordingStore();
  private final CachingLicenseStore cached = CachingLicenseStore.wrap(recording.store());
  private final TenantId tenant = CacheWorld.writtenTo(recording.underlying()).tenant;
  private final UserAccount renamed = CacheWorld.user(ANA, "Ana Lopez-Ruiz");

  @Test
  void aReadThatLoadedBeforeAWriteInvalidatedDoesNotStoreWhatItLoaded() throws Exception {
    CountDownLatch loaded = new CountDownLatch(1);
    CountDownLatch written = new CountDownLatch(1);
    recording.interceptNext("directory.findUser", proceed -> {
      Object old = proceed.call();
      loaded.countDown();
      assertThat(written.await(TIMEOUT_SECONDS, TimeUnit.SECONDS)).isTrue();
      return old;
    });
    CompletableFuture<Optional<UserAccount>> slowReader = CompletableFuture.supplyAsync(() -> cached.directory().findUser(tenant, ANA));
    assertThat(loaded.await(TIMEOUT_SECONDS, TimeUnit.SECONDS)).isTrue();

    cached.directory().updateUser(tenant, renamed);
    written.countDown();

    assertThat(slowReader.get(TIMEOUT_SECONDS, TimeUnit.SECONDS)).map(UserAccount::name).contains("Ana Lopez");
    assertThat(cached.directory().findUser(tenant, ANA)).contains(renamed);
    assertThat(cached.directory().findUser(tenant, ANA)).contains(renamed);
    assertThat(recording.calls("directory.findUser")).as("the slow read, then one read that was kept").isEqualTo(2);
  }

  @Test
  void aReadThatLoadedBeforeATransactionCommittedDoesNotStoreWhatItLoaded() throws Exception {
    CountDownLatch loaded = new CountDownLatch(1);
    CountDownLatch committed = new CountDownLatch(1);
    recording.interceptNext("directory.findUser", proceed -> {
      Object old = proceed.call();
      loaded.countDown();
      assertThat(committed.await(TIMEOUT_SECONDS, TimeUnit.SECONDS)).isTrue();
      return old;
    });
    CompletableFuture<Optional<UserAccount>> slowReader = CompletableFuture.supplyAsync(() -> cached.directory().findUser(tenant, ANA));
    assertThat(loaded.await(TIMEOUT_SECONDS, TimeUnit.SECONDS)).isTrue();

    cached.transactions().inTransaction(() -> cached.directory().updateUser(tenant, renamed));
    committed.countDown();
    slowReader.get(TIMEOUT_SECONDS, TimeUnit.SECONDS);

    assertThat(cached.directory().findUser(tenant, ANA)).contains(renamed);
  }
}
