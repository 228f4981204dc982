package org.licensekit.core.spi;

import java.util.List;
import java.util.Optional;
import org.licensekit.core.domain.TenantId;
import org.licensekit.core.domain.UserAccount;
import org.licensekit.core.domain.UserId;

/**
 * Evaluates user filters where the data is (SQL on JDBC), a keyset page at a time — ids for a bulk
 * action, accounts for a listing — so a run over 100,000 users never holds 100,000 user objects.
 *
 * <p>Order: ascending user id compared character by character on the UTF-16 code units (the order
 * of {@link UserId#compareTo}); ids are ASCII, so a database must compare them bytewise — on
 * PostgreSQL {@code COLLATE "C"}, never a linguistic collation.
 */
public interface UserQueryStore {

  /**
   * One keyset page of the ids of users matching {@code criteria}.
   *
   * @param after only ids strictly greater than this one; empty for the first page
   * @param limit at most this many ids (at least 1)
   * @return ids in ascending order; fewer than {@code limit} only on the last page
   */
  List<UserId> findUserIds(TenantId tenant, UserCriteria criteria, Optional<UserId> after, int limit);

  /**
   * One keyset page of the accounts of users matching {@code criteria}, in the order of
   * {@link #findUserIds}: the same selection, read whole in one query, so a listing never reads
   * accounts one by one nor more than a page of them.
   *
   * @param after only users whose id is strictly greater than this one; empty for the first page
   * @param limit at most this many accounts (at least 1)
   * @return accounts in ascending id order; fewer than {@code limit} only on the last page
   */
  List<UserAccount> findUsers(TenantId tenant, UserCriteria criteria, Optional<UserId> after, int limit);

  /** How many users match {@code criteria} now. */
  long countUsers(TenantId tenant, UserCriteria criteria);
}
