package org.licensekit.core.cache;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.licensekit.core.cache.CacheWorld.ANA;
import static org.licensekit.core.cache.CacheWorld.BO;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.licensekit.core.domain.TenantId;
import org.licensekit.core.domain.UserAccount;
import org.licensekit.core.domain.UserId;
import org.licensekit.core.spi.ChangeSignals;
import org.licensekit.core.spi.ChangedRecords;
import org.licensekit.core.spi.ComposedLicenseStore;
import org.licensekit.core.spi.LicenseStore;
import org.licensekit.core.spi.StoreParts;

/**
 * The caching store and its wrapped store's change signals: what a transaction wrote is sent once,
 * inside the transaction, and a change heard from another instance (or a report that changes were
 * missed) makes this instance read again.
 */
class CachingChangeSignalsTest {

  private final RecordingStore recording = new RecordingStore();
  private final TenantId tenant = CacheWorld.writtenTo(recording.underlying()).tenant;
  private final RecordingSignals signals = new RecordingSignals();
  private final CachingLicenseStore cached = CachingLicenseStore.wrap(new Signalling(recording.store(), signals));

  /** The recording store with change signals. */
  private static final class Signalling extends ComposedLicenseStore {
    private final ChangeSignals signals;

    Signalling(LicenseStore store, ChangeSignals signals) {
      super(StoreParts.builder().from(store).build());
      this.signals = signals;
    }

    @Override
    public ChangeSignals changeSignals() {
      return signals;
    }
  }

  private static final class RecordingSignals implements ChangeSignals {
    final List<List<ChangedRecords>> sent = new ArrayList<>();
    final List<Boolean> sentInTransaction = new ArrayList<>();
    final AtomicReference<Receiver> receiver = new AtomicReference<>();
    final AtomicBoolean closed = new AtomicBoolean();
    AtomicBoolean inTransaction = new AtomicBoolean();

    @Override
    public void send(Collection<ChangedRecords> changes) {
      sent.add(List.copyOf(changes));
      sentInTransaction.add(inTransaction.get());
    }

    @Override
    public Subscription subscribe(Receiver receiver) {
      this.receiver.set(receiver);
      return () -> closed.set(true);
    }
  }

  @Test
  void aTransactionSendsWhatItWroteOnceBeforeItEnds() {
    UserAccount renamedAna = CacheWorld.user(ANA, "Ana Lopez-Ruiz");
    UserAccount renamedBo = CacheWorld.user(BO, "Bo Chen-Li");
    cached.transactions().inTransaction(() -> {
      signals.inTransaction.set(true);
      cached.directory().updateUser(tenant, renamedAna);
      cached.directory().updateUser(tenant, renamedBo);
      cached.directory().updateUser(tenant, renamedAna);
      assertThat(signals.sent).as("nothing sent before the work is done").isEmpty();
      return null;
    });

    assertThat(signals.sent).singleElement().satisfies(changes -> assertThat(changes)
        .containsExactlyInAnyOrder(ChangedRecords.ofUser(tenant, ANA), ChangedRecords.ofUser(tenant, BO)));
    assertThat(signals.sentInTransaction).containsExactly(true);
  }

  @Test
  void aTransactionThatFailsSendsNothing() {
    assertThatThrownBy(() -> cached.transactions().inTransaction(() -> {
      cached.directory().updateUser(tenant, CacheWorld.user(ANA, "Ana Lopez-Ruiz"));
      throw new IllegalStateException("refused");
    })).isInstanceOf(IllegalStateException.class);

    assertThat(signals.sent).isEmpty();
  }

  @Test
  void aWriteOutsideATransactionIsSentOnItsOwn() {
    cached.pools().list(tenant);
    cached.catalog().saveRole(tenant, recording.underlying().catalog().listRoles(tenant).get(0));

    assertThat(signals.sent).containsExactly(List.of(ChangedRecords.ofShared(tenant, ChangedRecords.Part.CATALOG)));
  }

  @Test
  void aChangeHeardFromAnotherInstanceIsReadAgain() {
    UserAccount renamed = CacheWorld.user(ANA, "Ana Lopez-Ruiz");
    cached.directory().findUser(tenant, ANA);
    cached.directory().findUser(tenant, BO);
    recording.underlying().directory().updateUser(tenant, renamed); // another instance
    assertThat(cached.directory().findUser(tenant, ANA)).as("cached").map(UserAccount::name).contains("Ana Lopez");

    signals.receiver.get().changed(List.of(ChangedRecords.ofUser(tenant, ANA)));
    recording.resetCounts();

    assertThat(cached.directory().findUser(tenant, ANA)).contains(renamed);
    cached.directory().findUser(tenant, BO);
    assertThat(recording.calls("directory.findUser")).as("only ana read again").isEqualTo(1);
  }

  @Test
  void missedChangesForgetEverythingAndClosingStopsListening() {
    cached.directory().findUser(tenant, ANA);
    cached.directory().findUser(tenant, BO);
    recording.resetCounts();

    signals.receiver.get().missed();
    cached.directory().findUser(tenant, ANA);
    cached.directory().findUser(tenant, BO);

    assertThat(recording.calls("directory.findUser")).isEqualTo(2);
    cached.close();
    assertThat(signals.closed).isTrue();
  }

  @Test
  void changedRecordsTravelAsTextWhateverTheIdsHold() {
    TenantId odd = TenantId.of("district:7:north-west");
    List<ChangedRecords> changes = List.of(ChangedRecords.ofUser(odd, UserId.of("a:12@b.c")),
        ChangedRecords.ofShared(odd, ChangedRecords.Part.POOLS), ChangedRecords.ofUser(tenant, ANA));
    String text = String.join("\n", changes.stream().map(ChangedRecords::encode).toList());

    assertThat(ChangedRecords.decode(text)).isEqualTo(changes);
    assertThatThrownBy(() -> ChangedRecords.decode("USER 3:abc")).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> ChangedRecords.decode("POOLS 30:abc")).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> ChangedRecords.ofShared(tenant, ChangedRecords.Part.USER)).isInstanceOf(IllegalArgumentException.class);
    assertThat(ChangedRecords.ofUser(tenant, ANA).user()).contains(ANA);
    assertThat(ChangedRecords.ofShared(tenant, ChangedRecords.Part.SETTINGS).user()).isEqualTo(Optional.empty());
  }
}
