package org.licensekit.core.cache;

import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.licensekit.core.domain.TenantId;
import org.licensekit.core.domain.UserId;
import org.licensekit.core.spi.PersonalDataStore;
import org.licensekit.core.spi.PersonalText;

/**
 * Rewriting a claim's reason changes a record the cache keeps per user, so a rewrite invalidates
 * the owners of the claims it touches; the other texts are not cached.
 */
final class CachingPersonalDataStore implements PersonalDataStore {

  private final PersonalDataStore delegate;
  private final CachingTransactions tx;

  CachingPersonalDataStore(PersonalDataStore delegate, CachingTransactions tx) {
    this.delegate = delegate;
    this.tx = tx;
  }

  @Override
  public List<PersonalText> find(TenantId tenant, UserId user, Set<String> texts) {
    return delegate.find(tenant, user, texts);
  }

  @Override
  public void rewrite(TenantId tenant, List<PersonalText> texts) {
    tx.performAll(texts.stream().map(PersonalText::owner).flatMap(Optional::stream).distinct()
        .map(owner -> Scope.user(tenant, owner)).toList(), () -> delegate.rewrite(tenant, texts));
  }
}
