package org.licensekit.testkit.bulk;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.licensekit.core.ConflictException;
import org.licensekit.core.ErrorCode;
import org.licensekit.core.Licensing;
import org.licensekit.core.api.AuditQuery;
import org.licensekit.core.api.BulkAction;
import org.licensekit.core.api.BulkListener;
import org.licensekit.core.api.BulkMode;
import org.licensekit.core.api.BulkRequest;
import org.licensekit.core.api.BulkResult;
import org.licensekit.core.api.DefaultCatalog;
import org.licensekit.core.api.UserFilter;
import org.licensekit.core.domain.Actor;
import org.licensekit.core.domain.ChangeType;
import org.licensekit.core.domain.TenantId;
import org.licensekit.core.domain.UserId;
import org.licensekit.core.spi.IdempotencyRecord;
import org.licensekit.core.spi.IdempotencyStore;
import org.licensekit.core.spi.StoreParts;

/**
 * No stuck idempotency key: a key whose run died is taken over once its lease ran out, a run that
 * fails with an {@link Error} gives its key back, and the result is stored in the run's last
 * transaction (with the run's summary, or neither).
 */
public abstract class IdempotencyLeaseContract extends BulkTestSupport {

  private List<UserId> users;

  @BeforeEach
  void registerUsers() {
    pool(OBSERVATION, 50);
    users = plainUsers("lease", 4, NORTH);
  }

  private BulkRequest grant(String key) {
    return request(UserFilter.builder().organization(NORTH).build(),
        BulkAction.grantRoles(NORTH, Set.of(DefaultCatalog.OBSERVER)), BulkMode.BEST_EFFORT)
        .idempotencyKey(key).chunkSize(2).build();
  }

  @Test
  void aKeyLeftReservedByARunThatDiedIsTakenOverOnceItsLeaseRanOut() {
    BulkRequest request = grant("died-" + tenantId.value());
    // a JVM reserved the key and died before its run did anything
    store.idempotency().reserve(tenantId, new IdempotencyRecord(request.idempotencyKey().orElseThrow(),
        request.fingerprint(), clock.instant(), Optional.empty()));

    assertThatThrownBy(() -> admin.bulk().run(request)).as("while the lease lasts")
        .isInstanceOfSatisfying(ConflictException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.BULK_IN_PROGRESS.name()));

    clock.advance(Duration.ofMinutes(6));
    BulkResult first = admin.bulk().run(request);

    assertThat(first.replayed()).isFalse();
    assertThat(first.done()).isEqualTo(users.size());
    BulkResult again = admin.bulk().run(request);
    assertThat(again.replayed()).isTrue();
    assertThat(again.done()).isEqualTo(first.done());
  }

  @Test
  void aRunFailingWithAnErrorGivesItsKeyBack() {
    BulkRequest request = grant("error-" + tenantId.value());
    BulkListener dying = new BulkListener() {
      @Override
      public void progress(long done, long total) {
        throw new StackOverflowError("the host's listener blew its stack");
      }
    };

    assertThatThrownBy(() -> admin.bulk().run(request, dying)).isInstanceOf(StackOverflowError.class);

    BulkResult retried = admin.bulk().run(request);
    assertThat(retried.replayed()).isFalse();
    assertThat(retried.done() + retried.already()).isEqualTo(users.size());
    assertThat(admin.bulk().run(request).replayed()).isTrue();
  }

  @Test
  void theResultCommitsWithTheRunsSummaryOrNotAtAll() {
    BulkRequest request = grant("summary-" + tenantId.value());
    FailingCompletion keys = new FailingCompletion(store.idempotency());
    Licensing failing = Licensing.builder().store(StoreParts.builder().from(store).idempotency(keys).build())
        .clock(clock).build();

    assertThatThrownBy(() -> failing.tenant(tenantId).as(Actor.systemAdministrator("admin-1")).bulk().run(request))
        .hasMessageContaining("completion failed");

    assertThat(bulkSummaries()).as("no summary without its stored result").isEmpty();
    assertThat(store.idempotency().find(tenantId, request.idempotencyKey().orElseThrow())).as("the key is given back").isEmpty();
    BulkResult retried = admin.bulk().run(request);
    assertThat(retried.already()).as("the committed chunks stay done").isEqualTo(users.size());
    assertThat(bulkSummaries()).hasSize(1);
  }

  private List<?> bulkSummaries() {
    return admin.audit().query(AuditQuery.builder().addActions(ChangeType.BULK_COMPLETED).limit(100).build());
  }

  /** An idempotency store whose completion fails, as a lost connection would. */
  private static final class FailingCompletion implements IdempotencyStore {
    private final IdempotencyStore delegate;

    FailingCompletion(IdempotencyStore delegate) {
      this.delegate = delegate;
    }

    @Override
    public Optional<IdempotencyRecord> find(TenantId tenant, String key) {
      return delegate.find(tenant, key);
    }

    @Override
    public boolean reserve(TenantId tenant, IdempotencyRecord record) {
      return delegate.reserve(tenant, record);
    }

    @Override
    public boolean renew(TenantId tenant, String key, java.time.Instant held, java.time.Instant renewed) {
      return delegate.renew(tenant, key, held, renewed);
    }

    @Override
    public void complete(TenantId tenant, String key, String result) {
      throw new IllegalStateException("completion failed");
    }

    @Override
    public void release(TenantId tenant, String key) {
      delegate.release(tenant, key);
    }
  }
}
