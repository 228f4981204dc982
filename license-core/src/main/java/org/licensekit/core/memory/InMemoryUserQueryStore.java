package org.licensekit.core.memory;

import com.google.common.collect.ImmutableList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.licensekit.core.api.ClaimCondition;
import org.licensekit.core.domain.ClaimStatus;
import org.licensekit.core.domain.LicenseClaim;
import org.licensekit.core.domain.TenantId;
import org.licensekit.core.domain.UserAccount;
import org.licensekit.core.domain.UserId;
import org.licensekit.core.policy.InputRules;
import org.licensekit.core.spi.ClaimStore;
import org.licensekit.core.spi.UserCriteria;
import org.licensekit.core.spi.UserQueryStore;

/** Filter evaluation over the in-memory directory and claims, under the store lock. */
final class InMemoryUserQueryStore implements UserQueryStore {

  private final InMemoryTransactions tx;
  private final InMemoryDirectoryStore directory;
  private final ClaimStore claims;
  private final InMemoryTrainingStore training;

  InMemoryUserQueryStore(InMemoryTransactions tx, InMemoryDirectoryStore directory, ClaimStore claims, InMemoryTrainingStore training) {
    this.tx = tx;
    this.directory = directory;
    this.claims = claims;
    this.training = training;
  }

  @Override
  public List<UserId> findUserIds(TenantId tenant, UserCriteria criteria, Optional<UserId> after, int limit) {
    if (limit < 1) {
      throw new IllegalArgumentException("limit must be at least 1");
    }
    return tx.read(() -> matching(tenant, criteria, after)
        .limit(limit)
        .map(UserAccount::id)
        .collect(ImmutableList.toImmutableList()));
  }

  @Override
  public List<UserAccount> findUsers(TenantId tenant, UserCriteria criteria, Optional<UserId> after, int limit) {
    if (limit < 1) {
      throw new IllegalArgumentException("limit must be at least 1");
    }
    return tx.read(() -> matching(tenant, criteria, after).limit(limit).collect(ImmutableList.toImmutableList()));
  }

  @Override
  public long countUsers(TenantId tenant, UserCriteria criteria) {
    return tx.read(() -> matching(tenant, criteria, Optional.empty()).count());
  }

  /** Users after {@code after} in id order (the directory's key order) matching every criterion. */
  private Stream<UserAccount> matching(TenantId tenant, UserCriteria c, Optional<UserId> after) {
    return directory.usersAfter(tenant, after)
        .filter(u -> c.statuses().isEmpty() || c.statuses().contains(u.status()))
        .filter(u -> c.jobProfile().map(p -> u.jobProfile().equals(Optional.of(p))).orElse(true))
        .filter(u -> c.endsBefore().map(date -> u.endDate().filter(end -> end.isBefore(date)).isPresent()).orElse(true))
        .filter(u -> c.text().map(text -> lower(u.name()).contains(text) || InputRules.email(u.email()).contains(text)).orElse(true))
        .filter(u -> (c.organizations().isEmpty() && c.role().isEmpty()) || directory.membershipsOf(tenant, u.id()).stream()
            .anyMatch(m -> c.organizations().map(orgs -> orgs.contains(m.organization())).orElse(true)
                && c.role().map(m.roles()::contains).orElse(true)))
        .filter(u -> c.claim().map(condition -> holds(tenant, u.id(), condition)).orElse(true))
        .filter(u -> c.training().map(criterion -> training.matches(tenant, u.id(), criterion)).orElse(true));
  }

  private boolean holds(TenantId tenant, UserId user, ClaimCondition condition) {
    List<LicenseClaim> ofProduct = claims.listForUser(tenant, user).stream()
        .filter(claim -> claim.product().equals(condition.product()))
        .collect(ImmutableList.toImmutableList());
    Optional<LicenseClaim> live = ofProduct.stream().filter(LicenseClaim::live).findFirst();
    return switch (condition.status()) {
      case PENDING -> live.filter(claim -> claim.status() == ClaimStatus.PENDING).isPresent();
      case ACTIVE -> live.filter(claim -> claim.status() == ClaimStatus.ACTIVE).isPresent();
      case LIVE -> live.isPresent();
      case NO_LIVE_CLAIM -> live.isEmpty();
      case EXPIRED -> ofProduct.stream().anyMatch(claim -> claim.status() == ClaimStatus.EXPIRED);
      case REVOKED -> ofProduct.stream().anyMatch(claim -> claim.status() == ClaimStatus.REVOKED);
    };
  }

  private static String lower(String value) {
    return InputRules.searchKey(value);
  }
}
