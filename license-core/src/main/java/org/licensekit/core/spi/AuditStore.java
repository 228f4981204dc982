package org.licensekit.core.spi;

import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.licensekit.core.api.AuditQuery;
import org.licensekit.core.domain.AuditChainHead;
import org.licensekit.core.domain.AuditEntry;
import org.licensekit.core.domain.AuditLink;
import org.licensekit.core.domain.TenantId;
import org.licensekit.core.domain.UserId;

/**
 * The append-only, hash-chained audit trail. Each tenant's entries form one chain
 * ({@link org.licensekit.core.policy.AuditChain}): {@link #append} links new entries after the
 * tenant's chain head and moves the head, holding the head locked until the transaction ends, so two
 * transactions appending to one tenant can never fork its chain (they take turns).
 *
 * <p>The one change to an appended entry is {@link #redact}: an erasure of personal data rewriting
 * an entry's before, after and reason and its {@link org.licensekit.core.domain.AuditSeal seal}.
 */
public interface AuditStore {

  /**
   * Appends the entries, in order, to the tenant's chain: locks the tenant's chain head (creating an
   * empty one if absent), links the entries with
   * {@link org.licensekit.core.policy.AuditChain#link}, writes them and their links, and moves the
   * head to the last. Entries are stored {@link org.licensekit.core.policy.AuditChain#stored as
   * stored} (instants in microseconds).
   */
  void append(TenantId tenant, List<AuditEntry> entries);

  /**
   * Entries matching the query, oldest first in chain order (the order they were appended, never
   * their timestamps), at most {@code query.limit()}.
   */
  List<AuditEntry> query(TenantId tenant, AuditQuery query);

  /**
   * Links whose entries match the query's criteria and whose position is below
   * {@code beforePosition}, newest first by chain position (never by timestamp), at most {@code limit}. The query's own limit and cursor
   * are ignored.
   */
  List<AuditLink> newestFirst(TenantId tenant, AuditQuery query, long beforePosition, int limit);

  /** How many entries match the query's criteria (its limit and cursor are ignored). */
  long count(TenantId tenant, AuditQuery query);

  /** The tenant's links with a position above {@code afterPosition}, oldest first, at most {@code limit}. */
  List<AuditLink> chain(TenantId tenant, long afterPosition, int limit);

  /** The tenant's chain head; empty when nothing was ever appended for the tenant. */
  Optional<AuditChainHead> head(TenantId tenant);

  /**
   * The tenant's links, oldest first, whose entry concerns {@code user} or whose before, after or
   * reason contains one of {@code texts} (exactly, as a substring), read inside the calling
   * transaction.
   */
  List<AuditLink> mentioning(TenantId tenant, UserId user, Set<String> texts);

  /**
   * Replaces the stored entries at the links' positions by the links: their before, after and
   * reason, and their seals ({@link org.licensekit.core.policy.AuditChain#erase}). Position, hashes
   * and every other field stay as they are.
   */
  void redact(TenantId tenant, List<AuditLink> links);
}
