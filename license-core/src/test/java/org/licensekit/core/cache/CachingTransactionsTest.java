package org.licensekit.core.cache;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.licensekit.core.cache.CacheWorld.ANA;

import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.licensekit.core.ConflictException;
import org.licensekit.core.domain.TenantId;
import org.licensekit.core.domain.UserAccount;

/**
 * Reads in a transaction see its writes; what another thread read while the transaction ran does
 * not outlive it, whether it commits or rolls back. The wrapped in-memory store makes other
 * threads wait for a running transaction, so these tests let the wrapped store answer the other
 * thread's read as a database would without waiting: with the committed state (read committed), or
 * with the transaction's uncommitted write (a dirty read).
 */
class CachingTransactionsTest {

  private final RecordingStore recording = new RecordingStore();
  private final CachingLicenseStore cached = CachingLicenseStore.wrap(recording.store());
  private TenantId tenant;
  private UserAccount ana;
  private final UserAccount renamed = CacheWorld.user(ANA, "Ana Lopez-Ruiz");

  @BeforeEach
  void writeTheWorldAndCacheAna() {
    tenant = CacheWorld.writtenTo(recording.underlying()).tenant;
    ana = cached.directory().findUser(tenant, ANA).orElseThrow();
  }

  @Test
  void aTransactionReadsItsOwnWritesThoughTheOldValueIsCached() {
    Optional<UserAccount> inside = cached.transactions().inTransaction(() -> {
      cached.directory().updateUser(tenant, renamed);
      return cached.directory().findUser(tenant, ANA);
    });

    assertThat(inside).contains(renamed);
    assertThat(cached.directory().findUser(tenant, ANA)).contains(renamed);
  }

  @Test
  void whatAnotherThreadReadDuringTheTransactionIsDroppedWhenItCommits() {
    cached.transactions().inTransaction(() -> {
      cached.directory().updateUser(tenant, renamed);
      answerTheNextReadWith(Optional.of(ana)); // the committed state, as under read committed
      assertThat(readOnAnotherThread()).contains(ana);
      assertThat(readOnAnotherThread()).as("kept while the transaction runs").contains(ana);
      return null;
    });

    assertThat(readOnAnotherThread()).contains(renamed);
  }

  @Test
  void whatAnotherThreadReadDuringTheTransactionIsDroppedWhenItRollsBack() {
    assertThatThrownBy(() -> cached.transactions().inTransaction(() -> {
      cached.directory().updateUser(tenant, renamed);
      answerTheNextReadWith(Optional.of(renamed)); // a dirty read of the write about to be undone
      assertThat(readOnAnotherThread()).contains(renamed);
      throw new IllegalStateException("changed my mind");
    })).hasMessage("changed my mind");

    assertThat(cached.directory().findUser(tenant, ANA)).contains(ana);
  }

  @Test
  void theInvalidationWaitsForTheOutermostTransaction() {
    cached.transactions().inTransaction(() -> {
      cached.transactions().inTransaction(() -> cached.directory().updateUser(tenant, renamed));
      answerTheNextReadWith(Optional.of(ana));
      assertThat(readOnAnotherThread()).contains(ana);
      return null;
    });

    assertThat(readOnAnotherThread()).contains(renamed);
  }

  @Test
  void aFailedWriteStillInvalidates() {
    UserAccount stranger = CacheWorld.user(CacheWorld.BO, "Bo Again");
    cached.directory().findUser(tenant, CacheWorld.BO);

    assertThatThrownBy(() -> cached.directory().insertUser(tenant, stranger))
        .isInstanceOfSatisfying(ConflictException.class, e -> assertThat(e.code()).isEqualTo("DUPLICATE_USER"));
    recording.resetCounts();
    cached.directory().findUser(tenant, CacheWorld.BO);

    assertThat(recording.calls("directory.findUser")).isEqualTo(1);
  }

  @Test
  void afterARollbackTheCacheServesTheCommittedStateAgain() {
    assertThatThrownBy(() -> cached.transactions().inTransaction(() -> {
      cached.directory().updateUser(tenant, renamed);
      throw new IllegalStateException("changed my mind");
    })).isInstanceOf(IllegalStateException.class);
    recording.resetCounts();

    assertThat(cached.directory().findUser(tenant, ANA)).contains(ana);
    assertThat(cached.directory().findUser(tenant, ANA)).contains(ana);
    assertThat(recording.calls("directory.findUser")).isEqualTo(1);
  }

  private void answerTheNextReadWith(Optional<UserAccount> answer) {
    recording.interceptNext("directory.findUser", proceed -> answer);
  }

  private Optional<UserAccount> readOnAnotherThread() {
    return CompletableFuture.supplyAsync(() -> cached.directory().findUser(tenant, ANA)).orTimeout(30, TimeUnit.SECONDS).join();
  }
}
