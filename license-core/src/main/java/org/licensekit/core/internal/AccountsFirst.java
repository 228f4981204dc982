package org.licensekit.core.internal;

import java.util.Collection;
import java.util.Set;
import java.util.TreeSet;
import org.licensekit.core.domain.UserId;
import org.licensekit.core.spi.LicenseStore;

/**
 * The accounts one command holds first, in id order, on every attempt after one that found it
 * needed them out of order: an attempt holding a user's account that must then lock an account
 * with a lower id takes it without waiting ({@link org.licensekit.core.spi.DirectoryStore#tryLockUsers}),
 * and when another transaction holds it, the attempt ends with a conflict, naming here what it
 * needed, and the next attempt locks all of them before anything else. Shared by the attempts of
 * one command on one thread; a fresh one per command.
 */
public final class AccountsFirst {

  private final Set<UserId> accounts = new TreeSet<>();

  /** Adds accounts the next attempt is to hold first. */
  void add(Collection<UserId> users) {
    accounts.addAll(users);
  }

  /** At the start of an attempt: holds the accounts earlier attempts asked for, in id order, and tells {@code changes}. */
  void holdIn(LicenseStore store, UnitOfWork changes) {
    if (!accounts.isEmpty()) {
      store.directory().lockUsers(changes.tenant(), accounts);
      changes.accountsHeldThrough(((TreeSet<UserId>) accounts).last());
    }
  }
}
