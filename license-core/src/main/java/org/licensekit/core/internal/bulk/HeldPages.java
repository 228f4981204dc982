package org.licensekit.core.internal.bulk;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;
import org.licensekit.core.InvalidInputException;
import org.licensekit.core.domain.AccountStatus;
import org.licensekit.core.domain.UserAccount;
import org.licensekit.core.domain.UserId;

/**
 * The pages of user ids a one-transaction run selected and locked before its first chunk
 * ({@link FilteredJob#applyInOneTransaction}), kept with the status each account had as it was
 * locked, and handed to its chunks without reading the selection or the accounts again. Kept
 * compact, for at most the run's limit of users: the ids, and one byte per user for the status
 * (the whole accounts would take some hundreds of bytes each).
 *
 * <p>Why the held pages are the run's selection. The run's transaction holds every account they
 * name until it ends, and commands change a user's account, memberships, roles and claims under
 * that account's lock, so no command changes whether a held user matches the filter. What changes
 * a match without that lock (a sweep expiring claims) raced the run before as well: a page read
 * afresh a chunk later saw it or not, depending on timing; the held page is the selection as the
 * hold pass saw it. Another writer can make a user who was not selected match (register one, give
 * one a membership): the run leaves that user out — before, a later page could pick them up and
 * lock their account while the run held pool rows, out of the stores' lock order, which is what
 * the hold pass is there to prevent. The run itself, as long as each chunk writes only its own users'
 * rows and the pools' seats (a set-based grant's chunk), changes no later user's match: reading the
 * next page again after the last id applied would return the held page.
 *
 * <p>Why the held statuses are the accounts' statuses. The same locks: an account's status is
 * changed only by a command that holds the account (a suspension, an archive, an offboarding, the
 * end-date sweep), which waits for the run's transaction to end; and the run itself changes no
 * account while its chunks are set-based grants (they write role rows, claims and seats). A chunk's
 * decision reads nothing else of the account. A chunk that reaches
 * further — serves or joins a waitlist, or goes one user at a time, which can seat or queue other
 * users ({@link RunScope#exclusive}) — ends the replay: the rest is read afresh after the last id
 * applied, as every page was before.
 */
final class HeldPages {

  /** Reads the selection's pages after a user id (keyset order), handing each to the work. */
  interface Reader {
    void forEachPageAfter(Optional<UserId> after, Consumer<List<UserId>> work);
  }

  /**
   * Applies a page; {@code held} are its accounts' statuses, by id, when the hold pass locked them
   * (empty for a page read afresh, whose accounts the run has yet to lock).
   */
  interface Work {
    void apply(List<UserId> page, Optional<Map<UserId, AccountStatus>> held);
  }

  /** A status's mark in {@link #statuses}: its ordinal; {@code NO_ACCOUNT} for an id without one. */
  private static final byte NO_ACCOUNT = -1;
  private static final AccountStatus[] STATUSES = AccountStatus.values();

  private final long limit;
  private final List<List<UserId>> pages = new ArrayList<>();
  /** Per page of {@link #pages}, the status of each id's account as the hold pass locked it. */
  private final List<byte[]> statuses = new ArrayList<>();
  private long held;

  /** @param limit the most users the run may hold; one more refuses it, before anything is written */
  HeldPages(long limit) {
    this.limit = limit;
  }

  /**
   * Keeps a page the hold pass locked, with the accounts it read as it locked them.
   *
   * @throws InvalidInputException (field {@code mode}) when the selection grew past the limit
   *     since it was counted
   */
  void add(List<UserId> page, Map<UserId, UserAccount> accounts) {
    held += page.size();
    if (held > limit) {
      throw InvalidInputException.of("mode", "a run in one transaction holds at most " + limit
          + " users; the selection grew past that while the run began: run it BEST_EFFORT, or narrow it");
    }
    byte[] marks = new byte[page.size()];
    for (int i = 0; i < marks.length; i++) {
      UserAccount account = accounts.get(page.get(i));
      marks[i] = account == null ? NO_ACCOUNT : (byte) account.status().ordinal();
    }
    pages.add(page);
    statuses.add(marks);
  }

  /**
   * Hands the held pages to {@code work} in order while {@code scope} stays {@linkplain RunScope#quiet
   * quiet}; once it is not, reads the rest afresh with {@code reader} (pages whose accounts the run
   * has yet to lock). Each page is let go once handed out.
   */
  void forEach(RunScope scope, Reader reader, Work work) {
    Optional<UserId> last = Optional.empty();
    for (int i = 0; i < pages.size(); i++) {
      if (!scope.quiet()) {
        reader.forEachPageAfter(last, page -> work.apply(page, Optional.empty()));
        return;
      }
      List<UserId> page = pages.set(i, null);
      byte[] marks = statuses.set(i, null);
      last = Optional.of(page.get(page.size() - 1));
      work.apply(page, Optional.of(statusesOf(page, marks)));
    }
  }

  /** The page's statuses by id, in page order; an id without an account is left out. */
  private static Map<UserId, AccountStatus> statusesOf(List<UserId> page, byte[] marks) {
    Map<UserId, AccountStatus> byId = new LinkedHashMap<>();
    for (int i = 0; i < marks.length; i++) {
      if (marks[i] != NO_ACCOUNT) {
        byId.put(page.get(i), STATUSES[marks[i]]);
      }
    }
    return byId;
  }
}
