package org.licensekit.core.internal.directory;

import com.google.common.collect.ImmutableSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.licensekit.core.ConflictException;
import org.licensekit.core.InvalidInputException;
import org.licensekit.core.NotFoundException;
import org.licensekit.core.api.AssignmentResult;
import org.licensekit.core.api.Directory;
import org.licensekit.core.api.NewUser;
import org.licensekit.core.api.RegistrationResult;
import org.licensekit.core.api.UserProfile;
import org.licensekit.core.api.UserFilter;
import org.licensekit.core.api.UserUpdate;
import org.licensekit.core.api.report.Page;
import org.licensekit.core.api.report.PageRequest;
import org.licensekit.core.domain.AccountStatus;
import org.licensekit.core.domain.ChangeType;
import org.licensekit.core.domain.JobProfile;
import org.licensekit.core.domain.Organization;
import org.licensekit.core.domain.OrganizationId;
import org.licensekit.core.domain.RoleId;
import org.licensekit.core.domain.UserAccount;
import org.licensekit.core.domain.UserId;
import org.licensekit.core.internal.Context;
import org.licensekit.core.internal.Lookups;
import org.licensekit.core.internal.Target;
import org.licensekit.core.internal.claims.ClaimWriter;
import org.licensekit.core.policy.AccountLifecycle;
import org.licensekit.core.policy.Operation;
import org.licensekit.core.spi.Notification;

public final class DirectoryService implements Directory {

  private final Context context;
  private final Lookups lookups;
  private final ClaimWriter claims;

  public DirectoryService(Context context) {
    this.context = context;
    this.lookups = new Lookups(context.store(), context.tenant());
    this.claims = new ClaimWriter(context.store(), context.tenant());
  }

  @Override
  public Organization defineOrganization(Organization organization) {
    return context.command(Operation.DEFINE_ORGANIZATION, organizationTarget(organization),
        () -> org.licensekit.core.policy.InputRules.requireName("name", organization.name()), changes -> {
      organization.parent().ifPresent(parent -> {
        lookups.organization(parent);
        if (ancestorsOf(parent).contains(organization.id())) {
          throw InvalidInputException.of("parent", "would make " + organization.id() + " its own ancestor");
        }
      });
      Optional<Organization> before = context.store().directory().findOrganization(context.tenant(), organization.id());
      boolean moved = before.filter(existing -> OrganizationMove.moves(existing, organization)).isPresent();
      OrganizationMove move = new OrganizationMove(context.store(), context.tenant(), claims);
      Set<UserId> members = moved ? move.holdMembers(changes, organization.id()) : Set.of();
      context.store().directory().saveOrganization(context.tenant(), organization);
      changes.record(ChangeType.ORGANIZATION_DEFINED, "organization", organization.id()).before(before).after(organization).done();
      if (moved) {
        move.releaseSeatsOutsideScope(changes, organization, members);
      }
      return organization;
    });
  }

  /**
   * An organization is defined under its parent, and an existing one is changed where it is: an
   * organization-scoped administrator defines organizations only below its own and never moves or
   * renames an organization outside them.
   */
  private Target organizationTarget(Organization organization) {
    Set<OrganizationId> touched = new java.util.HashSet<>();
    organization.parent().ifPresent(touched::add);
    context.store().directory().findOrganization(context.tenant(), organization.id()).ifPresent(existing -> {
      touched.add(existing.id());
      existing.parent().ifPresent(touched::add);
    });
    return Target.placing(touched);
  }

  private Set<OrganizationId> ancestorsOf(OrganizationId id) {
    return org.licensekit.core.policy.OrganizationTree.of(context.store().directory().listOrganizations(context.tenant()))
        .withAncestors(List.of(id));
  }

  @Override
  public List<Organization> organizations() {
    return context.query(Operation.READ_DIRECTORY, Target.limitedByReach(), () -> {
      org.licensekit.core.policy.OrganizationReach reach = context.reach();
      return context.store().directory().listOrganizations(context.tenant()).stream()
          .filter(organization -> reach.sees(organization.id())).collect(Collectors.toList());
    });
  }

  @Override
  public RegistrationResult register(NewUser command) {
    NewUser request = Registration.normalized(command);
    Registration registration = new Registration(context);
    return context.command(Operation.REGISTER_USER, Target.placing(request.organizations()),
        () -> registration.checkInput(request),
        changes -> registration.register(changes, request, registration.rolesFor(request)));
  }

  @Override
  public UserAccount update(UserUpdate update) {
    UserUpdate normalized = org.licensekit.core.policy.InputRules.normalized(update);
    return context.command(Operation.UPDATE_USER, Target.user(update.id()), () -> context.validate(normalized), changes -> {
      UserAccount before = lookups.user(update.id());
      UserAccount after = UserAccount.builder().from(before)
          .name(update.name().orElse(before.name()))
          .email(normalized.email().orElse(before.email()))
          .endDate(update.clearEndDate() ? Optional.empty() : update.endDate().or(before::endDate))
          .build();
      if (!context.store().directory().updateUser(context.tenant(), after)) {
        throw AccountWriter.changedConcurrently(before);
      }
      changes.record(ChangeType.USER_UPDATED, "user", after.id()).user(after.id()).before(before).after(after).done();
      return after.nextVersion();
    });
  }

  @Override
  public UserAccount activate(UserId user) {
    return changeStatus(user, AccountLifecycle.Move.ACTIVATE, "invitation accepted");
  }

  @Override
  public UserAccount suspend(UserId user, String reason) {
    return changeStatus(user, AccountLifecycle.Move.SUSPEND, reason);
  }

  @Override
  public UserAccount reactivate(UserId user) {
    return changeStatus(user, AccountLifecycle.Move.REACTIVATE, "reactivated");
  }

  @Override
  public UserAccount archive(UserId user, String reason) {
    return changeStatus(user, AccountLifecycle.Move.ARCHIVE, reason);
  }

  private UserAccount changeStatus(UserId id, AccountLifecycle.Move move, String reason) {
    return context.command(Operation.CHANGE_USER_STATUS, Optional.of(id), () -> Context.requireReason(reason), changes -> {
      if (AccountLifecycle.releasesSeats(move, context.store().settings().get(context.tenant()))) {
        // the waiting users its freed seats go to, with the user, in id order (accounts, then pools)
        claims.waitlist().holdWithQueuesOf(changes, id);
      }
      // locked with the settings held: a suspension must see the setting in force when it commits
      UserAccount before = lookups.heldUser(changes, id);
      AccountLifecycle.check(before.status(), move).ifPresent(refusal -> {
        throw new ConflictException(refusal.code(), "User " + id + ": " + refusal.message());
      });
      return new AccountWriter(context.store(), context.tenant(), claims,
          new MembershipWriter(context.store(), context.tenant(), claims)).move(changes, before, move, reason).after();
    });
  }

  @Override
  public Optional<UserAccount> find(UserId user) {
    return context.query(Operation.READ_DIRECTORY, Target.limitedByReach(), () -> context.store().directory()
        .findUser(context.tenant(), user).filter(found -> context.reaches(context.reach(), found.id())));
  }

  @Override
  public UserProfile profile(UserId user) {
    return context.query(Operation.READ_USER_PROFILE, Optional.of(user),
        () -> new UserProfiles(context.store(), context.tenant()).find(user).orElseThrow(() -> new NotFoundException("userId", user)));
  }

  @Override
  public Page<UserAccount> list(UserFilter filter, PageRequest page) {
    Objects.requireNonNull(filter, "filter");
    Objects.requireNonNull(page, "page");
    return context.query(Operation.READ_DIRECTORY, Target.limitedByReach(), () -> {
      Optional<UserId> after = page.cursor().map(UserCursor::user);
      // one more than the page shows whether another follows, without a second query
      List<UserAccount> found = context.store().userQueries()
          .findUsers(context.tenant(), UserSelection.criteria(context, filter), after, page.limit() + 1);
      if (found.size() <= page.limit()) {
        return new Page<>(found, Optional.empty());
      }
      List<UserAccount> items = found.subList(0, page.limit());
      return new Page<>(items, Optional.of(UserCursor.after(items.get(items.size() - 1).id())));
    });
  }

  @Override
  @Deprecated(since = "0.1.0")
  public List<UserAccount> list() {
    return context.query(Operation.READ_DIRECTORY, Target.limitedByReach(), () -> {
      org.licensekit.core.policy.OrganizationReach reach = context.reach();
      List<UserAccount> users = context.store().directory().listUsers(context.tenant());
      return reach.unrestricted() ? users
          : users.stream().filter(user -> context.reaches(reach, user.id())).collect(Collectors.toList());
    });
  }
}
