package org.licensekit.core.cache;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.licensekit.core.cache.CacheWorld.ANA;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.licensekit.core.domain.TenantId;
import org.licensekit.core.domain.UserAccount;

/**
 * A host transaction the store's transactions join (a Spring-managed one, say): reads inside it
 * bypass the cache, and what its commands wrote is invalidated after it commits — not before, and
 * not when it rolls back. The enclosing transaction here is a stand-in the test opens, commits and
 * rolls back by hand on the test thread.
 */
class CachingEnclosingTransactionTest {

  /** An enclosing transaction open on the test thread only, between {@link #open()} and commit or rollback. */
  private static final class HandDriven implements EnclosingTransaction {
    private final ThreadLocal<List<Runnable>> open = new ThreadLocal<>();

    void open() {
      open.set(new ArrayList<>());
    }

    int pending() {
      return open.get().size();
    }

    void commit() {
      List<Runnable> actions = open.get();
      open.remove();
      actions.forEach(Runnable::run);
    }

    void rollBack() {
      open.remove();
    }

    @Override
    public boolean isOpen() {
      return open.get() != null;
    }

    @Override
    public void afterCommit(Runnable action) {
      open.get().add(action);
    }
  }

  private final RecordingStore recording = new RecordingStore();
  private final HandDriven host = new HandDriven();
  private final CachingLicenseStore cached = CachingLicenseStore.wrap(recording.store(), CacheSettings.ofDefaults(), host);
  private TenantId tenant;
  private UserAccount ana;
  private final UserAccount renamed = CacheWorld.user(ANA, "Ana Lopez-Ruiz");

  @BeforeEach
  void writeTheWorldAndCacheAna() {
    tenant = CacheWorld.writtenTo(recording.underlying()).tenant;
    ana = cached.directory().findUser(tenant, ANA).orElseThrow();
    recording.resetCounts();
  }

  @Test
  void readsInsideTheEnclosingTransactionBypassTheCacheAndFillNothing() {
    long snapshots = cached.snapshotCount();
    host.open();

    cached.directory().findUser(tenant, ANA);
    cached.directory().findUser(tenant, CacheWorld.BO);

    assertThat(recording.calls("directory.findUser")).isEqualTo(2);
    assertThat(cached.snapshotCount()).isEqualTo(snapshots);
    host.commit();
  }

  @Test
  void aCommandsWritesAreInvalidatedOnlyOnceTheEnclosingTransactionCommits() {
    host.open();
    cached.transactions().inTransaction(() -> cached.directory().updateUser(tenant, renamed));

    assertThat(host.pending()).isEqualTo(1);
    assertThat(readOnAnotherThread()).as("still the committed state's snapshot").contains(ana);
    assertThat(recording.calls("directory.findUser")).isZero();

    host.commit();

    assertThat(readOnAnotherThread()).contains(renamed);
  }

  @Test
  void aRollbackInvalidatesNothing() {
    long snapshots = cached.snapshotCount();
    host.open();
    cached.transactions().inTransaction(() -> cached.directory().updateUser(tenant, renamed));
    recording.underlying().directory().updateUser(tenant, ana); // what the database's rollback does

    host.rollBack();

    assertThat(cached.snapshotCount()).isEqualTo(snapshots);
    assertThat(readOnAnotherThread()).contains(ana);
    assertThat(recording.calls("directory.findUser")).as("served from the untouched cache").isZero();
  }

  @Test
  void aCommandThatThrowsLeavesNothingToInvalidate() {
    host.open();

    assertThatThrownBy(() -> cached.transactions().inTransaction(() -> {
      cached.directory().updateUser(tenant, renamed);
      throw new IllegalStateException("changed my mind");
    })).hasMessage("changed my mind");

    assertThat(host.pending()).isZero();
    host.commit();
  }

  @Test
  void aWriteOutsideACommandWaitsForTheCommitToo() {
    host.open();
    cached.directory().updateUser(tenant, renamed);

    assertThat(host.pending()).isEqualTo(1);
    assertThat(readOnAnotherThread()).contains(ana);

    host.commit();

    assertThat(readOnAnotherThread()).contains(renamed);
  }

  @Test
  void withNoEnclosingTransactionOpenTheInvalidationFollowsTheCommandsOwnCommit() {
    cached.transactions().inTransaction(() -> cached.directory().updateUser(tenant, renamed));

    assertThat(readOnAnotherThread()).contains(renamed);
  }

  private Optional<UserAccount> readOnAnotherThread() {
    return CompletableFuture.supplyAsync(() -> cached.directory().findUser(tenant, ANA)).orTimeout(30, TimeUnit.SECONDS).join();
  }
}
