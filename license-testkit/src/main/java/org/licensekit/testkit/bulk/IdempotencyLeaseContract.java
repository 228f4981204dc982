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
import org.licensekit.core.domain.AuditChainHead;
import org.licensekit.core.domain.AuditEntry;
import org.licensekit.core.domain.AuditLink;
import org.licensekit.core.spi.AuditStore;
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
    FailingKeys keys = new FailingKeys(store.idempotency(), Step.COMPLETE);
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

  @Test
  void aReservationWhoseAcknowledgementIsLostGivesItsKeyBack() {
    BulkRequest request = grant("reserve-ack-" + tenantId.value());
    FailingKeys keys = new FailingKeys(store.idempotency(), Step.RESERVE_ACK_LOST);
    Licensing failing = Licensing.builder().store(StoreParts.builder().from(store).idempotency(keys).build())
        .clock(clock).build();

    assertThatThrownBy(() -> failing.tenant(tenantId).as(Actor.systemAdministrator("admin-1")).bulk().run(request))
        .hasMessageContaining("acknowledgement lost");

    assertThat(store.idempotency().find(tenantId, request.idempotencyKey().orElseThrow()))
        .as("the reservation that committed unseen is given back").isEmpty();
    BulkResult retried = admin.bulk().run(request);
    assertThat(retried.done()).as("the retry runs the request (it never ran)").isEqualTo(users.size());
    assertThat(admin.bulk().run(request)).isEqualTo(retried.asReplay());
  }

  @Test
  void aLastTransactionRolledBackAfterStoringTheResultGivesTheKeyBack() {
    BulkRequest request = all("rolled-back-" + tenantId.value());
    Licensing failing = Licensing.builder()
        .store(StoreParts.builder().from(store).audit(new FailingSummaryAudit(store.audit())).build()).clock(clock).build();

    assertThatThrownBy(() -> failing.tenant(tenantId).as(Actor.systemAdministrator("admin-1")).bulk().run(request))
        .hasMessageContaining("summary not written");

    assertThat(bulkSummaries()).as("the run rolled back whole").isEmpty();
    assertThat(store.idempotency().find(tenantId, request.idempotencyKey().orElseThrow()))
        .as("the result stored in the rolled-back transaction is gone, and so is the key").isEmpty();
    BulkResult retried = admin.bulk().run(request);
    assertThat(retried.done()).as("the retry runs the request, not BULK_IN_PROGRESS").isEqualTo(users.size());
    assertThat(admin.bulk().run(request)).isEqualTo(retried.asReplay());
  }

  private BulkRequest all(String key) {
    return request(UserFilter.builder().organization(NORTH).build(),
        BulkAction.grantRoles(NORTH, Set.of(DefaultCatalog.OBSERVER)), BulkMode.ALL_OR_NOTHING)
        .idempotencyKey(key).chunkSize(2).build();
  }

  private List<?> bulkSummaries() {
    return admin.audit().query(AuditQuery.builder().addActions(ChangeType.BULK_COMPLETED).limit(100).build());
  }

  /** Which call of {@link FailingKeys} fails. */
  private enum Step {
    /** The completion fails before writing, as a lost connection would. */
    COMPLETE,
    /** The reservation is written (and, outside a transaction, committed), then the caller hears of a lost connection. */
    RESERVE_ACK_LOST
  }

  /** An idempotency store one of whose calls fails. */
  private static final class FailingKeys implements IdempotencyStore {
    private final IdempotencyStore delegate;
    private final Step step;

    FailingKeys(IdempotencyStore delegate, Step step) {
      this.delegate = delegate;
      this.step = step;
    }

    @Override
    public Optional<IdempotencyRecord> find(TenantId tenant, String key) {
      return delegate.find(tenant, key);
    }

    @Override
    public boolean reserve(TenantId tenant, IdempotencyRecord record) {
      boolean reserved = delegate.reserve(tenant, record);
      if (step == Step.RESERVE_ACK_LOST) {
        throw new IllegalStateException("reservation's acknowledgement lost");
      }
      return reserved;
    }

    @Override
    public boolean renew(TenantId tenant, String key, java.time.Instant held, java.time.Instant renewed) {
      return delegate.renew(tenant, key, held, renewed);
    }

    @Override
    public void complete(TenantId tenant, String key, String result) {
      if (step == Step.COMPLETE) {
        throw new IllegalStateException("completion failed");
      }
      delegate.complete(tenant, key, result);
    }

    @Override
    public void release(TenantId tenant, String key) {
      delegate.release(tenant, key);
    }
  }

  /** An audit store that fails to write a bulk run's summary: the run's last transaction fails after the result was stored. */
  private static final class FailingSummaryAudit implements AuditStore {
    private final AuditStore delegate;

    FailingSummaryAudit(AuditStore delegate) {
      this.delegate = delegate;
    }

    @Override
    public void append(TenantId tenant, List<AuditEntry> entries) {
      if (entries.stream().anyMatch(e -> e.action() == ChangeType.BULK_COMPLETED)) {
        throw new IllegalStateException("summary not written");
      }
      delegate.append(tenant, entries);
    }

    @Override
    public List<AuditEntry> query(TenantId tenant, org.licensekit.core.api.AuditQuery query) {
      return delegate.query(tenant, query);
    }

    @Override
    public List<AuditLink> newestFirst(TenantId tenant, org.licensekit.core.api.AuditQuery query, long beforePosition, int limit) {
      return delegate.newestFirst(tenant, query, beforePosition, limit);
    }

    @Override
    public long count(TenantId tenant, org.licensekit.core.api.AuditQuery query) {
      return delegate.count(tenant, query);
    }

    @Override
    public List<AuditLink> chain(TenantId tenant, long afterPosition, int limit) {
      return delegate.chain(tenant, afterPosition, limit);
    }

    @Override
    public Optional<AuditChainHead> head(TenantId tenant) {
      return delegate.head(tenant);
    }

    @Override
    public List<AuditLink> mentioning(TenantId tenant, UserId user, java.util.Set<String> texts) {
      return delegate.mentioning(tenant, user, texts);
    }

    @Override
    public void redact(TenantId tenant, List<AuditLink> links) {
      delegate.redact(tenant, links);
    }
  }
}
