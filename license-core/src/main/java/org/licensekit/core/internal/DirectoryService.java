package org.licensekit.core.internal;

import com.google.common.collect.ImmutableSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.licensekit.core.ConflictException;
import org.licensekit.core.InvalidInputException;
import org.licensekit.core.api.AssignmentResult;
import org.licensekit.core.api.Directory;
import org.licensekit.core.api.NewUser;
import org.licensekit.core.api.RegistrationResult;
import org.licensekit.core.api.UserUpdate;
import org.licensekit.core.domain.AccountStatus;
import org.licensekit.core.domain.ChangeType;
import org.licensekit.core.domain.JobProfile;
import org.licensekit.core.domain.LicenseClaim;
import org.licensekit.core.domain.Membership;
import org.licensekit.core.domain.Organization;
import org.licensekit.core.domain.OrganizationId;
import org.licensekit.core.domain.RoleId;
import org.licensekit.core.domain.UserAccount;
import org.licensekit.core.domain.UserId;
import org.licensekit.core.policy.Operation;
import org.licensekit.core.spi.Notification;

final class DirectoryService implements Directory {

  private final Context context;
  private final Records records;
  private final ClaimWriter claims;
  private final Grants grants;

  DirectoryService(Context context) {
    this.context = context;
    this.records = new Records(context.store(), context.tenant());
    this.claims = new ClaimWriter(context.store(), context.tenant());
    this.grants = new Grants(context.store(), context.tenant());
  }

  @Override
  public Organization defineOrganization(Organization organization) {
    context.authorize(Operation.DEFINE_ORGANIZATION, Optional.empty());
    org.licensekit.core.policy.InputRules.requireName("name", organization.name());
    return context.run(changes -> {
      organization.parent().ifPresent(parent -> {
        records.organization(parent);
        if (ancestorsOf(parent).contains(organization.id())) {
          throw InvalidInputException.of("parent", "would make " + organization.id() + " its own ancestor");
        }
      });
      Optional<Organization> before = context.store().directory().findOrganization(context.tenant(), organization.id());
      context.store().directory().saveOrganization(context.tenant(), organization);
      changes.record(ChangeType.ORGANIZATION_DEFINED, "organization", organization.id()).before(before).after(organization).done();
      return organization;
    });
  }

  private Set<OrganizationId> ancestorsOf(OrganizationId id) {
    return org.licensekit.core.policy.OrganizationTree.of(context.store().directory().listOrganizations(context.tenant()))
        .withAncestors(List.of(id));
  }

  @Override
  public List<Organization> organizations() {
    return context.query(Operation.READ_DIRECTORY, Optional.empty(),
        () -> context.store().directory().listOrganizations(context.tenant()));
  }

  @Override
  public RegistrationResult register(NewUser command) {
    context.authorize(Operation.REGISTER_USER, Optional.empty());
    NewUser request = org.licensekit.core.policy.InputRules.normalized(command);
    context.validate(request);
    if (request.organizations().isEmpty() && (request.jobProfile().isPresent() || !request.additionalRoles().isEmpty())) {
      throw InvalidInputException.of("organizations", "must name at least one organization when roles are given");
    }
    return context.run(changes -> {
      Set<RoleId> roles = rolesFor(request);
      request.organizations().forEach(records::organization);
      UserAccount user = UserAccount.builder()
          .id(request.id())
          .name(request.name())
          .email(request.email())
          .jobProfile(request.jobProfile())
          .status(AccountStatus.INVITED)
          .endDate(request.endDate())
          .createdAt(changes.now())
          .build();
      context.store().directory().insertUser(context.tenant(), user);
      changes.record(ChangeType.USER_REGISTERED, "user", user.id()).user(user.id()).after(user).done();
      for (OrganizationId organization : request.organizations()) {
        Membership membership = Membership.of(user.id(), organization, roles);
        context.store().directory().saveMembership(context.tenant(), membership);
        changes.record(ChangeType.MEMBERSHIP_ADDED, "membership", user.id() + "@" + organization)
            .user(user.id()).after(membership).done();
      }
      AssignmentResult assigned = claims.assign(changes, user.id(), grants.productsOf(roles), false, Optional.of("new-user setup"));
      if (request.invite()) {
        changes.notify(Notification.builder()
            .tenant(context.tenant())
            .kind(Notification.Kind.INVITATION)
            .user(user.id())
            .email(user.email())
            .name(user.name())
            .attributes(Map.of("products", assigned.assigned().stream()
                .map(c -> c.product().value()).sorted().collect(Collectors.joining(","))))
            .build());
        changes.record(ChangeType.USER_INVITED, "user", user.id()).user(user.id()).done();
      }
      return new RegistrationResult(user, assigned);
    });
  }

  private Set<RoleId> rolesFor(NewUser request) {
    ImmutableSet.Builder<RoleId> roles = ImmutableSet.builder();
    request.jobProfile().ifPresent(id -> {
      JobProfile profile = context.store().catalog().findJobProfile(context.tenant(), id)
          .orElseThrow(() -> new org.licensekit.core.NotFoundException("jobProfile", id));
      roles.addAll(profile.roles());
    });
    request.additionalRoles().forEach(records::role);
    return roles.addAll(request.additionalRoles()).build();
  }

  @Override
  public UserAccount update(UserUpdate update) {
    context.authorize(Operation.UPDATE_USER, Optional.empty());
    UserUpdate normalized = org.licensekit.core.policy.InputRules.normalized(update);
    context.validate(normalized);
    return context.run(changes -> {
      UserAccount before = records.user(update.id());
      UserAccount after = UserAccount.builder().from(before)
          .name(update.name().orElse(before.name()))
          .email(normalized.email().orElse(before.email()))
          .endDate(update.clearEndDate() ? Optional.empty() : update.endDate().or(before::endDate))
          .build();
      context.store().directory().updateUser(context.tenant(), after);
      changes.record(ChangeType.USER_UPDATED, "user", after.id()).user(after.id()).before(before).after(after).done();
      return after;
    });
  }

  @Override
  public UserAccount activate(UserId user) {
    return changeStatus(user, Set.of(AccountStatus.INVITED), AccountStatus.ACTIVE, ChangeType.USER_ACTIVATED, "invitation accepted");
  }

  @Override
  public UserAccount suspend(UserId user, String reason) {
    return changeStatus(user, Set.of(AccountStatus.INVITED, AccountStatus.ACTIVE), AccountStatus.SUSPENDED, ChangeType.USER_SUSPENDED, reason);
  }

  @Override
  public UserAccount reactivate(UserId user) {
    return changeStatus(user, Set.of(AccountStatus.SUSPENDED), AccountStatus.ACTIVE, ChangeType.USER_REACTIVATED, "reactivated");
  }

  @Override
  public UserAccount archive(UserId user, String reason) {
    return changeStatus(user, Set.of(AccountStatus.INVITED, AccountStatus.ACTIVE, AccountStatus.SUSPENDED),
        AccountStatus.ARCHIVED, ChangeType.USER_ARCHIVED, reason);
  }

  private UserAccount changeStatus(UserId id, Set<AccountStatus> from, AccountStatus to, ChangeType type, String reason) {
    context.authorize(Operation.CHANGE_USER_STATUS, Optional.of(id));
    Context.requireReason(reason);
    return context.run(changes -> {
      UserAccount before = records.user(id);
      if (!from.contains(before.status())) {
        throw new ConflictException("ILLEGAL_STATUS_CHANGE", "User " + id + " is " + before.status() + " and cannot become " + to);
      }
      UserAccount after = UserAccount.builder().from(before).status(to).build();
      context.store().directory().updateUser(context.tenant(), after);
      changes.record(type, "user", id).user(id).before(before).after(after).reason(Optional.of(reason)).done();
      boolean releaseSeats = to == AccountStatus.ARCHIVED
          || (to == AccountStatus.SUSPENDED && !context.store().settings().get(context.tenant()).suspendedUsersKeepSeats());
      if (releaseSeats) {
        for (LicenseClaim claim : context.store().claims().listForUser(context.tenant(), id)) {
          if (claim.live()) {
            claims.revoke(changes, claim, "account " + to.name().toLowerCase(java.util.Locale.ROOT) + ": " + reason);
          }
        }
      }
      if (type == ChangeType.USER_REACTIVATED) {
        claims.assign(changes, id, grants.productsOf(id), false, Optional.of("reactivated"));
      }
      return after;
    });
  }

  @Override
  public Optional<UserAccount> find(UserId user) {
    return context.query(Operation.READ_DIRECTORY, Optional.empty(), () -> context.store().directory().findUser(context.tenant(), user));
  }

  @Override
  public List<UserAccount> list() {
    return context.query(Operation.READ_DIRECTORY, Optional.empty(), () -> context.store().directory().listUsers(context.tenant()));
  }
}
