package org.licensekit.core.internal.directory;

import com.google.common.collect.ImmutableSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.licensekit.core.ConflictException;
import org.licensekit.core.ErrorCode;
import org.licensekit.core.InvalidInputException;
import org.licensekit.core.NotAuthorizedException;
import org.licensekit.core.NotFoundException;
import org.licensekit.core.api.AssignmentResult;
import org.licensekit.core.api.NewUser;
import org.licensekit.core.api.RegistrationResult;
import org.licensekit.core.domain.AccountStatus;
import org.licensekit.core.domain.ChangeType;
import org.licensekit.core.domain.JobProfile;
import org.licensekit.core.domain.LicenseClaim;
import org.licensekit.core.domain.OrganizationId;
import org.licensekit.core.domain.RoleId;
import org.licensekit.core.domain.UserAccount;
import org.licensekit.core.domain.UserId;
import org.licensekit.core.internal.Context;
import org.licensekit.core.internal.Lookups;
import org.licensekit.core.internal.UnitOfWork;
import org.licensekit.core.internal.claims.ClaimWriter;
import org.licensekit.core.policy.InputRules;
import org.licensekit.core.policy.OrganizationReach;
import org.licensekit.core.spi.Notification;

/**
 * New-user setup, the one way for a single registration and for each user of a bulk registration:
 * the checks (in the order both paths refuse in), the account, memberships with the roles, pending
 * claims, and the invitation — each audited in the same order.
 */
public final class Registration {

  /** The reason new-user setup's claims and waitlist places carry. */
  public static final String CLAIM_REASON = "new-user setup";

  private final Context context;
  private final Lookups lookups;
  private final ClaimWriter claims;

  public Registration(Context context) {
    this.context = context;
    this.lookups = new Lookups(context.store(), context.tenant());
    this.claims = new ClaimWriter(context.store(), context.tenant());
  }

  /** The request as it is checked and stored (e-mail stripped, NFC, lower case). */
  public static NewUser normalized(NewUser request) {
    return InputRules.normalized(request);
  }

  /**
   * Refuses a request placing the user outside an organization-scoped actor's reach, as the
   * authorization of a single registration does: an organization the actor cannot see as unknown,
   * one above its own as not authorized, none at all as acting for the whole tenant.
   *
   * @throws NotFoundException naming {@code organizationId} when the actor cannot see it
   * @throws org.licensekit.core.NotAuthorizedException when the actor may not place users there
   */
  public void checkReach(NewUser request, OrganizationReach reach) {
    if (!context.actor().kind().organizationScoped()) {
      return;
    }
    if (request.organizations().isEmpty()) {
      throw new NotAuthorizedException(context.actor()
          + " must name an organization inside its own: it may not act for the whole tenant");
    }
    for (OrganizationId organization : request.organizations()) {
      if (!reach.sees(organization)) {
        throw new NotFoundException("organizationId", organization);
      }
      if (!reach.covers(organization)) {
        throw new NotAuthorizedException(context.actor() + " may not act in organization " + organization + ", above its own");
      }
    }
  }

  /**
   * Checks the request's fields.
   *
   * @throws InvalidInputException naming each bad field
   */
  public void checkInput(NewUser request) {
    context.validate(request);
    if (request.organizations().isEmpty() && (request.jobProfile().isPresent() || !request.additionalRoles().isEmpty())) {
      throw InvalidInputException.of("organizations", "must name at least one organization when roles are given");
    }
  }

  /**
   * The roles the user gets in each organization (the job profile's and the additional ones),
   * after checking every record the request names exists.
   *
   * @throws NotFoundException naming the job profile, role or organization that does not exist
   */
  public Set<RoleId> rolesFor(NewUser request) {
    ImmutableSet.Builder<RoleId> roles = ImmutableSet.builder();
    request.jobProfile().ifPresent(id -> {
      JobProfile profile = context.store().catalog().findJobProfile(context.tenant(), id)
          .orElseThrow(() -> new NotFoundException("jobProfile", id));
      roles.addAll(profile.roles());
    });
    request.additionalRoles().forEach(lookups::role);
    request.organizations().forEach(lookups::organization);
    return roles.addAll(request.additionalRoles()).build();
  }

  /** The refusal of a request whose id another account has. */
  public static ConflictException duplicateUser(UserId id) {
    return new ConflictException(ErrorCode.DUPLICATE_USER, "A user with id '" + id + "' exists already in this tenant");
  }

  /**
   * Registers one checked request inside the caller's transaction.
   *
   * @throws ConflictException {@code DUPLICATE_USER}
   */
  public RegistrationResult register(UnitOfWork changes, NewUser request, Set<RoleId> roles) {
    if (context.store().directory().findUser(context.tenant(), request.id()).isPresent()) {
      throw duplicateUser(request.id());
    }
    UserAccount user = account(request, changes);
    context.store().directory().insertUser(context.tenant(), user);
    recordRegistered(changes, user);
    MembershipWriter memberships = new MembershipWriter(context.store(), context.tenant(), claims);
    request.organizations().forEach(organization -> memberships.enrol(changes, user.id(), organization, roles));
    AssignmentResult assigned = claims.assign(changes, user.id(), memberships.productsOf(roles), false, Optional.of(CLAIM_REASON));
    invite(changes, request, user, assigned.assigned());
    return new RegistrationResult(user, assigned);
  }

  /** The new account of a request: {@code INVITED}, created now. */
  public static UserAccount account(NewUser request, UnitOfWork changes) {
    return UserAccount.builder()
        .id(request.id())
        .name(request.name())
        .email(request.email())
        .jobProfile(request.jobProfile())
        .status(AccountStatus.INVITED)
        .endDate(request.endDate())
        .createdAt(changes.now())
        .build();
  }

  /** The account's audit entry. */
  public static void recordRegistered(UnitOfWork changes, UserAccount user) {
    changes.record(ChangeType.USER_REGISTERED, "user", user.id()).user(user.id()).after(user).done();
  }

  /** The invitation, when the request asks for one, naming the products assigned; audited. */
  public static void invite(UnitOfWork changes, NewUser request, UserAccount user, List<LicenseClaim> assigned) {
    if (!request.invite()) {
      return;
    }
    changes.sendAfterCommit(Notification.builder()
        .tenant(changes.tenant())
        .kind(Notification.Kind.INVITATION)
        .user(user.id())
        .email(user.email())
        .name(user.name())
        .attributes(Map.of("products", assigned.stream()
            .map(c -> c.product().value()).sorted().collect(Collectors.joining(","))))
        .build());
    changes.record(ChangeType.USER_INVITED, "user", user.id()).user(user.id()).done();
  }
}
