package org.licensekit.core.memory;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.licensekit.core.domain.Membership;
import org.licensekit.core.domain.RoleId;
import org.licensekit.core.domain.TenantId;
import org.licensekit.core.domain.UserAccount;
import org.licensekit.core.domain.UserId;
import org.licensekit.core.domain.OrganizationId;
import org.licensekit.core.spi.DirectoryStore;

/** Users and memberships looked up once per report call, the joins a database would do. */
final class ReportRows {

  private final DirectoryStore directory;
  private final TenantId tenant;
  private final Map<UserId, Optional<UserAccount>> users = new HashMap<>();
  private final Map<UserId, List<Membership>> memberships = new HashMap<>();

  ReportRows(DirectoryStore directory, TenantId tenant) {
    this.directory = directory;
    this.tenant = tenant;
  }

  Optional<UserAccount> user(UserId id) {
    return users.computeIfAbsent(id, u -> directory.findUser(tenant, u));
  }

  List<Membership> memberships(UserId id) {
    return memberships.computeIfAbsent(id, u -> directory.membershipsOf(tenant, u));
  }

  /** Whether the user has a membership in one of {@code organizations} (any user when empty). */
  boolean memberOf(UserId id, Optional<Set<OrganizationId>> organizations) {
    return organizations.map(orgs -> memberships(id).stream().anyMatch(m -> orgs.contains(m.organization()))).orElse(true);
  }

  /** Whether a membership of the user holds {@code role}, inside {@code organizations} when given. */
  boolean holds(UserId id, RoleId role, Optional<Set<OrganizationId>> organizations) {
    return memberships(id).stream()
        .filter(m -> organizations.map(orgs -> orgs.contains(m.organization())).orElse(true))
        .anyMatch(m -> m.roles().contains(role));
  }
}
