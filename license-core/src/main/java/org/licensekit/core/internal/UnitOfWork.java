package org.licensekit.core.internal;

import com.google.common.collect.ImmutableList;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Consumer;
import java.util.function.Function;
import org.licensekit.core.domain.Actor;
import org.licensekit.core.domain.AuditEntry;
import org.licensekit.core.domain.ChangeType;
import org.licensekit.core.domain.LicenseEvent;
import org.licensekit.core.domain.Product;
import org.licensekit.core.domain.ProductId;
import org.licensekit.core.domain.TenantId;
import org.licensekit.core.domain.TenantSettings;
import org.licensekit.core.domain.UserAccount;
import org.licensekit.core.domain.UserId;
import org.licensekit.core.spi.DirectoryStore;
import org.licensekit.core.spi.Notification;

/**
 * What one attempt of a command changed: audit entries (written in the same transaction), and the
 * events and notifications to dispatch once it has committed. A fresh instance per attempt keeps a
 * retried transaction from sending anything twice.
 */
public final class UnitOfWork {

  private final TenantId tenant;
  private final Actor actor;
  private final Instant now;
  private final List<AuditEntry> audit = new ArrayList<>();
  private final List<LicenseEvent> events = new ArrayList<>();
  private final List<Notification> notifications = new ArrayList<>();
  private boolean inBatches;

  private final Consumer<List<AuditEntry>> auditSink;
  /** Accounts this transaction holds locked, as they are now, with the settings held with them. */
  private final Map<UserId, UserAccount> heldAccounts = new HashMap<>();
  private Optional<TenantSettings> heldSettings = Optional.empty();
  private final Map<ProductId, Optional<Product>> products = new HashMap<>();
  /** The highest id of the accounts this transaction holds locked, as far as the command knows. */
  private Optional<UserId> highestHeld = Optional.empty();
  private final AccountsFirst accountsFirst;

  public UnitOfWork(TenantId tenant, Actor actor, Instant now, Consumer<List<AuditEntry>> auditSink) {
    this(tenant, actor, now, auditSink, new AccountsFirst());
  }

  /** A unit of work of one attempt of a command whose attempts share {@code accountsFirst}. */
  public UnitOfWork(TenantId tenant, Actor actor, Instant now, Consumer<List<AuditEntry>> auditSink, AccountsFirst accountsFirst) {
    this.accountsFirst = accountsFirst;
    this.tenant = tenant;
    // What is recorded names the actor by kind and id only, as every store reads it back.
    this.actor = new Actor(actor.kind(), actor.id());
    this.now = now;
    this.auditSink = auditSink;
  }

  public TenantId tenant() {
    return tenant;
  }

  public Actor actor() {
    return actor;
  }

  /** The instant the whole command happens at. */
  public Instant now() {
    return now;
  }

  /** Files a change: an audit entry and the matching event. */
  public Change record(ChangeType type, String subjectType, Object subjectId) {
    return new Change(type, subjectType, String.valueOf(subjectId));
  }

  /**
   * Remembers that this transaction holds {@code held}'s account locked and the tenant's settings
   * against a change ({@link org.licensekit.core.spi.DirectoryStore#lockUserHoldingSettings}), so
   * later steps of the command neither lock nor read them again.
   */
  public void held(DirectoryStore.HeldAccount held) {
    heldAccounts.put(held.account().id(), held.account());
    heldSettings = Optional.of(held.settings());
    accountsHeldThrough(held.account().id());
  }

  /**
   * Remembers that this transaction holds accounts up to {@code highest} (a batch's, or a queue's
   * it locked in one statement), so that a later lock of a lower id does not wait
   * ({@link #highestHeldAccount}).
   */
  public void accountsHeldThrough(UserId highest) {
    if (highestHeld.isEmpty() || highestHeld.get().compareTo(highest) < 0) {
      highestHeld = Optional.of(highest);
    }
  }

  /**
   * The highest id of the accounts this transaction holds: an account with a lower id taken now
   * would be out of the stores' lock order (accounts in id order), so it is taken without waiting.
   */
  public Optional<UserId> highestHeldAccount() {
    return highestHeld;
  }

  /**
   * Asks the command's next attempt to hold {@code users}, with the accounts this one holds, before
   * anything else: this attempt found one of them held by another transaction while it held a later
   * account, and ends with a conflict.
   */
  public void holdFirstOnRetry(java.util.Collection<UserId> users) {
    accountsFirst.add(heldAccounts.keySet());
    accountsFirst.add(users);
  }

  /** The account as this transaction holds it, when it holds it locked. */
  public Optional<UserAccount> heldAccount(UserId user) {
    return Optional.ofNullable(heldAccounts.get(user));
  }

  /** The tenant's settings, when this transaction holds them against a change. */
  public Optional<TenantSettings> heldSettings() {
    return heldSettings;
  }

  /** A held account this transaction changed: later steps see it as it now is. */
  public void accountChanged(UserAccount after) {
    heldAccounts.computeIfPresent(after.id(), (id, before) -> after);
  }

  /** The product, read once per attempt: an assignment's steps ask for it more than once. */
  public Optional<Product> product(ProductId id, Function<ProductId, Optional<Product>> read) {
    return products.computeIfAbsent(id, read);
  }

  public void sendAfterCommit(Notification notification) {
    notifications.add(notification);
  }

  /**
   * Dispatches this work's notifications and events in batches (a bulk run's chunk): the outbox
   * keeps them as {@code NOTIFICATIONS} and {@code EVENTS} messages of many each, handed to the
   * notifier's {@code sendAll} and the publisher's {@code publishAll}, instead of one message per
   * notification and per event.
   */
  public void dispatchInBatches() {
    inBatches = true;
  }

  /** Whether {@link #dispatchInBatches()} was asked for. */
  public boolean inBatches() {
    return inBatches;
  }

  /**
   * Writes the audit entries recorded so far, inside the transaction, and forgets them; a long run
   * (a bulk run in one transaction) calls it after each chunk so memory holds only what is left to
   * dispatch after commit (the accounts and products remembered are let go too). The transaction
   * flushes the rest before it commits.
   */
  public void flush() {
    if (!audit.isEmpty()) {
      auditSink.accept(ImmutableList.copyOf(audit));
      audit.clear();
    }
    // the locks stay until the transaction ends; only the copies are let go, which a later step reads again
    heldAccounts.clear();
    heldSettings = Optional.empty();
    products.clear();
  }

  /**
   * A unit of work of the same command (tenant, actor, instant) that records aside: another thread
   * may fill it while this one writes, and this one {@linkplain #adopt adopts} what it recorded.
   * It is never flushed itself.
   */
  public UnitOfWork aside() {
    return new UnitOfWork(tenant, actor, now, entries -> {
      throw new IllegalStateException("a unit of work recorded aside is adopted, never flushed");
    }, accountsFirst);
  }

  /**
   * Takes over what {@code other} ({@link #aside}) recorded — audit entries, events, notifications —
   * after what this one recorded, in the order recorded; {@code other} is left empty.
   */
  public void adopt(UnitOfWork other) {
    audit.addAll(other.audit);
    events.addAll(other.events);
    notifications.addAll(other.notifications);
    other.discard();
  }

  /** Forgets everything recorded so far: a dry run keeps nothing of what it would have done. */
  public void discard() {
    audit.clear();
    events.clear();
    notifications.clear();
  }

  public List<LicenseEvent> events() {
    return ImmutableList.copyOf(events);
  }

  public List<Notification> notifications() {
    return ImmutableList.copyOf(notifications);
  }

  /** A change being described; {@link #done()} files it. */
  public final class Change {
    private final ChangeType type;
    private final String subjectType;
    private final String subjectId;
    private Optional<UserId> user = Optional.empty();
    private Optional<ProductId> product = Optional.empty();
    private Optional<String> before = Optional.empty();
    private Optional<String> after = Optional.empty();
    private Optional<String> reason = Optional.empty();
    private Map<String, String> attributes = Map.of();

    private Change(ChangeType type, String subjectType, String subjectId) {
      this.type = type;
      this.subjectType = subjectType;
      this.subjectId = subjectId;
    }

    public Change user(UserId value) {
      this.user = Optional.of(value);
      return this;
    }

    public Change product(ProductId value) {
      this.product = Optional.of(value);
      return this;
    }

    public Change before(Object value) {
      this.before = Optional.of(String.valueOf(value));
      return this;
    }

    public Change before(Optional<?> value) {
      this.before = value.map(String::valueOf);
      return this;
    }

    public Change after(Object value) {
      this.after = Optional.of(String.valueOf(value));
      return this;
    }

    public Change reason(Optional<String> value) {
      this.reason = value;
      return this;
    }

    public Change attributes(Map<String, String> value) {
      this.attributes = value;
      return this;
    }

    public void done() {
      audit.add(AuditEntry.builder()
          .id(UUID.randomUUID().toString())
          .at(now)
          .actor(actor)
          .action(type)
          .subjectType(subjectType)
          .subjectId(subjectId)
          .user(user)
          .before(before)
          .after(after)
          .reason(reason)
          .build());
      events.add(LicenseEvent.builder()
          .tenant(tenant)
          .type(type)
          .at(now)
          .actor(actor)
          .subjectType(subjectType)
          .subjectId(subjectId)
          .user(user)
          .product(product)
          .attributes(attributes)
          .build());
    }
  }
}
