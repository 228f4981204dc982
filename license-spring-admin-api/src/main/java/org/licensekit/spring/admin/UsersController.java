package org.licensekit.spring.admin;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.validation.Valid;
import java.net.URI;
import java.util.List;
import org.licensekit.core.ActorSession;
import org.licensekit.core.InvalidInputException;
import org.licensekit.core.NotFoundException;
import org.licensekit.core.api.RegistrationResult;
import org.licensekit.core.api.UserFilter;
import org.licensekit.core.api.report.Page;
import org.licensekit.core.api.report.PageRequest;
import org.licensekit.core.domain.OrganizationId;
import org.licensekit.core.domain.ProductId;
import org.licensekit.core.domain.RoleId;
import org.licensekit.core.domain.UserAccount;
import org.licensekit.core.domain.UserId;
import org.licensekit.spring.admin.json.AssignmentJson;
import org.licensekit.spring.admin.json.ClaimJson;
import org.licensekit.spring.admin.json.NewUserRequest;
import org.licensekit.spring.admin.json.PageJson;
import org.licensekit.spring.admin.json.ProductRequest;
import org.licensekit.spring.admin.json.ProfileJson;
import org.licensekit.spring.admin.json.RegistrationJson;
import org.licensekit.spring.admin.json.RoleRequest;
import org.licensekit.spring.admin.json.StatusChangeRequest;
import org.licensekit.spring.admin.json.UserJson;
import org.licensekit.spring.admin.json.UsersParams;
import org.springdoc.core.annotations.ParameterObject;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.servlet.support.ServletUriComponentsBuilder;

@RestController
@RequestMapping(Routes.BASE + "/users")
@Tag(name = "Users", description = "User accounts: the list, profiles, new-user setup, status changes, roles and direct assignment.")
final class UsersController {

  private final AdminSessions sessions;

  UsersController(AdminSessions sessions) {
    this.sessions = sessions;
  }

  @GetMapping
  @Operation(summary = "List users", description = "The users the filter selects, in user-id order, in keyset pages: pass a page's"
      + " nextCursor as 'after' for the next.")
  PageJson<UserJson> list(@Valid @ParameterObject UsersParams params, HttpServletRequest request) {
    UserFilter filter = Requests.filter(params);
    int limit = params.limit() == null ? Requests.DEFAULT_USER_PAGE : params.limit();
    PageRequest page = params.after() == null ? PageRequest.first(limit) : PageRequest.after(params.after(), limit);
    // one keyset query for the page's accounts, never a read per user
    Page<UserAccount> users = sessions.open(request).users().list(filter, page);
    return new PageJson<>(users.items().stream().map(Wire::user).toList(), users.nextCursor().orElse(null));
  }

  @GetMapping("/{userId}")
  @Operation(summary = "Read a user's profile", description = "The account, organizations with roles and where each came from,"
      + " claims and training: the troubleshooting guide's first look.")
  ProfileJson profile(@PathVariable String userId, HttpServletRequest request) {
    return Wire.profile(sessions.open(request).users().profile(UserId.of(userId)));
  }

  @PostMapping
  @Operation(summary = "Register a new user", description = "New-user setup: the account (INVITED), organizations with the job"
      + " profile's roles, pending claims for the products they grant, and the invitation (201).")
  ResponseEntity<RegistrationJson> register(@Valid @RequestBody NewUserRequest body, HttpServletRequest request) {
    RegistrationResult result = sessions.open(request).users().register(Requests.user(body));
    URI location = ServletUriComponentsBuilder.fromCurrentRequest().path("/{id}").buildAndExpand(result.user().id().value()).toUri();
    return ResponseEntity.created(location).body(Wire.registration(result));
  }

  @PostMapping("/{userId}/status")
  @Operation(summary = "Change a user's status", description = "ACTIVATE (invitation accepted), SUSPEND, REACTIVATE or ARCHIVE;"
      + " 409 ILLEGAL_STATUS_CHANGE when the account's status does not allow it.")
  UserJson changeStatus(@PathVariable String userId, @Valid @RequestBody StatusChangeRequest body, HttpServletRequest request) {
    ActorSession session = sessions.open(request);
    UserId id = UserId.of(userId);
    UserAccount account = switch (body.change()) {
      case ACTIVATE -> session.users().activate(id);
      case SUSPEND -> session.users().suspend(id, requireReason(body.reason()));
      case REACTIVATE -> session.users().reactivate(id);
      case ARCHIVE -> session.users().archive(id, requireReason(body.reason()));
    };
    return Wire.user(account);
  }

  @PostMapping("/{userId}/roles")
  @Operation(summary = "Grant a role", description = "Grants a role in an organization (adding the membership if needed) and"
      + " assigns the products it grants.")
  AssignmentJson grantRole(@PathVariable String userId, @Valid @RequestBody RoleRequest body, HttpServletRequest request) {
    return Wire.assignment(sessions.open(request).assignments()
        .assignRole(UserId.of(userId), OrganizationId.of(body.organization()), RoleId.of(body.role())));
  }

  @PostMapping("/{userId}/roles/revoke")
  @Operation(summary = "Take a role away", description = "Returns the claims revoked because no remaining role or direct"
      + " assignment justifies them; 409 ROLE_NOT_HELD when the user does not hold the role there.")
  List<ClaimJson> revokeRole(@PathVariable String userId, @Valid @RequestBody RoleRequest body, HttpServletRequest request) {
    return Wire.claims(sessions.open(request).assignments().revokeRole(UserId.of(userId), OrganizationId.of(body.organization()),
        RoleId.of(body.role()), requireReason(body.reason())));
  }

  @PostMapping("/{userId}/products")
  @Operation(summary = "Assign a product directly", description = "Assigns a product without a role: a pending claim holding a"
      + " seat, or a refusal (NO_SEAT_AVAILABLE, NO_POOL) in the result.")
  AssignmentJson assignProduct(@PathVariable String userId, @Valid @RequestBody ProductRequest body, HttpServletRequest request) {
    return Wire.assignment(sessions.open(request).assignments().assignProduct(UserId.of(userId), ProductId.of(body.product()),
        body.reason()));
  }

  @PostMapping("/{userId}/products/revoke")
  @Operation(summary = "Revoke a product", description = "Revokes the user's live claim of the product, if any, freeing its seat;"
      + " returns it (an empty list when there was none).")
  List<ClaimJson> revokeProduct(@PathVariable String userId, @Valid @RequestBody ProductRequest body, HttpServletRequest request) {
    return Wire.claims(sessions.open(request).assignments().revokeProduct(UserId.of(userId), ProductId.of(body.product()),
        body.reason()));
  }

  @GetMapping("/{userId}/claims")
  @Operation(summary = "A user's claims", description = "Every claim of the user, newest first.")
  List<ClaimJson> claims(@PathVariable String userId, HttpServletRequest request) {
    ActorSession session = sessions.open(request);
    UserId id = UserId.of(userId);
    if (session.users().find(id).isEmpty()) {
      throw new NotFoundException("userId", id);
    }
    return Wire.claims(session.claims().ofUser(id));
  }

  private static String requireReason(String reason) {
    if (reason == null || reason.isBlank()) {
      throw InvalidInputException.of("reason", "must not be blank");
    }
    return reason;
  }
}
