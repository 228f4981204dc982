package org.licensekit.core.internal.reports;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;
import org.licensekit.core.ActorSession;
import org.licensekit.core.Licensing;
import org.licensekit.core.api.AuditQuery;
import org.licensekit.core.api.NewUser;
import org.licensekit.core.domain.Actor;
import org.licensekit.core.domain.AuditChainHead;
import org.licensekit.core.domain.AuditEntry;
import org.licensekit.core.domain.AuditLink;
import org.licensekit.core.domain.TenantId;
import org.licensekit.core.domain.UserId;
import org.licensekit.core.memory.InMemoryLicenseStore;
import org.licensekit.core.spi.AuditStore;

class AuditVerifierTest {

  private final InMemoryLicenseStore store = InMemoryLicenseStore.create();
  private final TenantId tenant = TenantId.of("district-42");
  private final ActorSession admin = Licensing.builder().store(store).build().tenant(tenant).as(Actor.systemAdministrator("admin-1"));

  @Test
  void anErasureCommittedWhileTheChainIsReadIsNotTakenForTampering() {
    UserId zoe = UserId.of("zoe");
    admin.users().register(NewUser.builder().id(zoe).name("Zoë Quandt").email("zoe@example.org").build());
    admin.users().archive(zoe, "Zoë Quandt left");
    AtomicBoolean erased = new AtomicBoolean();
    AuditStore erasingOnFirstRead = new Delegating(store.audit()) {
      @Override
      public List<AuditLink> chain(TenantId t, long afterPosition, int limit) {
        if (erased.compareAndSet(false, true)) {
          admin.privacy().erase(zoe, "request 17");
        }
        return super.chain(t, afterPosition, limit);
      }
    };

    assertThat(new AuditVerifier(erasingOnFirstRead, tenant).verify().intact()).isTrue();
    assertThat(erased).isTrue();
  }

  @Test
  void aMarkNamingAnEntryBeyondTheHeadIsStillABreak() {
    admin.users().register(NewUser.builder().id(UserId.of("zoe")).name("Zoë").email("zoe@example.org").build());
    AuditStore forged = new Delegating(store.audit()) {
      @Override
      public List<AuditLink> chain(TenantId t, long afterPosition, int limit) {
        return super.chain(t, afterPosition, limit).stream().map(link -> link.position() != 1 ? link
            : org.licensekit.core.policy.AuditChain.erase(link, link.entry(), 99)).toList();
      }
    };

    assertThat(new AuditVerifier(forged, tenant).verify().intact()).isFalse();
  }

  private static class Delegating implements AuditStore {
    private final AuditStore delegate;

    Delegating(AuditStore delegate) {
      this.delegate = delegate;
    }

    @Override
    public void append(TenantId t, List<AuditEntry> entries) {
      delegate.append(t, entries);
    }

    @Override
    public List<AuditEntry> query(TenantId t, AuditQuery query) {
      return delegate.query(t, query);
    }

    @Override
    public List<AuditLink> newestFirst(TenantId t, AuditQuery query, long beforePosition, int limit) {
      return delegate.newestFirst(t, query, beforePosition, limit);
    }

    @Override
    public long count(TenantId t, AuditQuery query) {
      return delegate.count(t, query);
    }

    @Override
    public List<AuditLink> chain(TenantId t, long afterPosition, int limit) {
      return delegate.chain(t, afterPosition, limit);
    }

    @Override
    public Optional<AuditChainHead> head(TenantId t) {
      return delegate.head(t);
    }

    @Override
    public List<AuditLink> mentioning(TenantId t, UserId user, Set<String> texts) {
      return delegate.mentioning(t, user, texts);
    }

    @Override
    public void redact(TenantId t, List<AuditLink> links) {
      delegate.redact(t, links);
    }
  }
}
