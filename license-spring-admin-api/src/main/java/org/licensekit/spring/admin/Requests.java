package org.licensekit.spring.admin;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import org.licensekit.core.FieldError;
import org.licensekit.core.InvalidInputException;
import org.licensekit.core.api.AuditQuery;
import org.licensekit.core.api.BulkAction;
import org.licensekit.core.api.BulkMode;
import org.licensekit.core.api.BulkRequest;
import org.licensekit.core.api.ClaimCondition;
import org.licensekit.core.api.NewPool;
import org.licensekit.core.api.NewUser;
import org.licensekit.core.api.TrainingCondition;
import org.licensekit.core.api.UserFilter;
import org.licensekit.core.api.report.AnalyticsQuery;
import org.licensekit.core.api.report.ClaimDateField;
import org.licensekit.core.api.report.ClaimSortKey;
import org.licensekit.core.api.report.ClaimsQuery;
import org.licensekit.core.api.report.Granularity;
import org.licensekit.core.api.report.SortDirection;
import org.licensekit.core.api.report.UnusedLicensesQuery;
import org.licensekit.core.domain.AccountStatus;
import org.licensekit.core.domain.ChangeType;
import org.licensekit.core.domain.ClaimStatus;
import org.licensekit.core.domain.JobProfileId;
import org.licensekit.core.domain.OrganizationId;
import org.licensekit.core.domain.PoolId;
import org.licensekit.core.domain.ProductId;
import org.licensekit.core.domain.RoleId;
import org.licensekit.core.domain.Term;
import org.licensekit.core.domain.TrainingId;
import org.licensekit.core.domain.UserId;
import org.licensekit.spring.admin.json.AnalyticsParams;
import org.licensekit.spring.admin.json.AuditParams;
import org.licensekit.spring.admin.json.BulkRequestJson;
import org.licensekit.spring.admin.json.ClaimsParams;
import org.licensekit.spring.admin.json.NewPoolRequest;
import org.licensekit.spring.admin.json.NewUserRequest;
import org.licensekit.spring.admin.json.TrainingStatusJson;
import org.licensekit.spring.admin.json.UnusedParams;
import org.licensekit.spring.admin.json.UsersParams;

/**
 * Turns the wire requests (already checked by Jakarta Validation) into the library's commands and
 * queries. What the library refuses while building them comes back as field errors named as the
 * request names them.
 */
final class Requests {

  /** Users per page of the user list when the request does not say. */
  static final int DEFAULT_USER_PAGE = 50;

  private Requests() {}

  /** Runs {@code build}, naming the fields of what it refuses under {@code prefix}. */
  static <T> T under(String prefix, Supplier<T> build) {
    try {
      return build.get();
    } catch (InvalidInputException e) {
      throw new InvalidInputException(e.errors().stream().map(f -> new FieldError(prefix + "." + f.field(), f.problem())).toList());
    }
  }

  /** Runs {@code build}, naming the fields of what it refuses as {@code rename} says. */
  static <T> T renaming(Supplier<T> build, String... fromTo) {
    try {
      return build.get();
    } catch (InvalidInputException e) {
      List<FieldError> errors = new ArrayList<>();
      for (FieldError f : e.errors()) {
        String field = f.field();
        for (int i = 0; i + 1 < fromTo.length; i += 2) {
          if (field.equals(fromTo[i])) {
            field = fromTo[i + 1];
          }
        }
        errors.add(new FieldError(field, f.problem()));
      }
      throw new InvalidInputException(errors);
    }
  }

  static NewPool pool(NewPoolRequest r) {
    return renaming(() -> {
      var b = NewPool.builder().product(ProductId.of(r.product())).seats(r.seats())
          .term(Term.of(r.termStart(), r.termEnd()));
      Optional.ofNullable(r.id()).map(PoolId::of).ifPresent(b::id);
      Optional.ofNullable(r.renewalDate()).ifPresent(b::renewalDate);
      Optional.ofNullable(r.reference()).ifPresent(b::reference);
      Optional.ofNullable(r.scope()).map(OrganizationId::of).ifPresent(b::scope);
      return b.build();
    }, "term.start", "termStart", "term.end", "termEnd", "productId", "product", "poolId", "id");
  }

  static NewUser user(NewUserRequest r) {
    return renaming(() -> {
      var b = NewUser.builder().id(UserId.of(r.id())).name(r.name()).email(r.email());
      Optional.ofNullable(r.jobProfile()).map(JobProfileId::of).ifPresent(b::jobProfile);
      list(r.organizations()).forEach(o -> b.addOrganizations(OrganizationId.of(o)));
      list(r.additionalRoles()).forEach(role -> b.addAdditionalRoles(RoleId.of(role)));
      Optional.ofNullable(r.endDate()).ifPresent(b::endDate);
      Optional.ofNullable(r.invite()).ifPresent(b::invite);
      return b.build();
    }, "userId", "id");
  }

  static UserFilter filter(UsersParams p) {
    return filter(p.organization(), p.includeSubOrganizations(), p.role(), p.jobProfile(), p.status(), p.q(), p.claimProduct(),
        p.claimStatus(), p.endsBefore(), training(p.trainingId(), p.trainingStatus(), ""), "");
  }

  static UserFilter filter(BulkRequestJson.Filter f) {
    if (f == null) {
      return UserFilter.all();
    }
    return filter(f.organization(), f.includeSubOrganizations(), f.role(), f.jobProfile(), f.statuses(), f.nameOrEmailContains(),
        f.claimProduct(), f.claimStatus(), f.endsBefore(), training(f.trainingId(), f.trainingStatus(), "filter."), "filter.");
  }

  private static UserFilter filter(String organization, Boolean withSubOrganizations, String role, String jobProfile,
      List<BulkRequestJson.AccountStatusJson> statuses, String text, String claimProduct, BulkRequestJson.ClaimConditionJson claimStatus,
      java.time.LocalDate endsBefore, Optional<TrainingCondition> training, String prefix) {
    List<FieldError> errors = new ArrayList<>();
    if (Boolean.TRUE.equals(withSubOrganizations) && organization == null) {
      errors.add(new FieldError(prefix + "includeSubOrganizations", "needs an organization"));
    }
    if ((claimProduct == null) != (claimStatus == null)) {
      errors.add(new FieldError(prefix + (claimProduct == null ? "claimProduct" : "claimStatus"),
          "must be given together with " + (claimProduct == null ? "claimStatus" : "claimProduct")));
    }
    if (!errors.isEmpty()) {
      throw new InvalidInputException(errors);
    }
    Supplier<UserFilter> build = () -> {
      UserFilter.Builder b = UserFilter.builder();
      if (organization != null) {
        if (Boolean.TRUE.equals(withSubOrganizations)) {
          b.organizationWithSubOrganizations(OrganizationId.of(organization));
        } else {
          b.organization(OrganizationId.of(organization));
        }
      }
      Optional.ofNullable(role).map(RoleId::of).ifPresent(b::role);
      Optional.ofNullable(jobProfile).map(JobProfileId::of).ifPresent(b::jobProfile);
      list(statuses).forEach(s -> b.status(AccountStatus.valueOf(s.name())));
      Optional.ofNullable(text).ifPresent(b::nameOrEmailContains);
      if (claimProduct != null) {
        b.claim(ProductId.of(claimProduct), ClaimCondition.Status.valueOf(claimStatus.name()));
      }
      Optional.ofNullable(endsBefore).ifPresent(b::endsBefore);
      training.ifPresent(condition -> b.training(condition.training(), condition.status()));
      return b.build();
    };
    return prefix.isEmpty() ? build.get() : under(prefix.substring(0, prefix.length() - 1), build);
  }

  /**
   * The training condition of a filter: both parameters or neither (refused naming the missing one).
   * The training id was checked against the id pattern already.
   */
  private static Optional<TrainingCondition> training(String trainingId, TrainingStatusJson status, String prefix) {
    if ((trainingId == null) != (status == null)) {
      throw InvalidInputException.of(prefix + (trainingId == null ? "trainingId" : "trainingStatus"),
          "must be given together with " + (trainingId == null ? "trainingStatus" : "trainingId"));
    }
    return Optional.ofNullable(trainingId)
        .map(id -> TrainingCondition.of(TrainingId.of(id), TrainingCondition.Status.valueOf(status.name())));
  }

  static BulkRequest bulk(BulkRequestJson r, Optional<String> idempotencyKey) {
    UserFilter filter = filter(r.filter());
    BulkAction action = under("action", () -> action(r.action()));
    BulkRequest.Builder b = BulkRequest.where(filter).action(action)
        .mode(r.mode() == null ? BulkMode.BEST_EFFORT : BulkMode.valueOf(r.mode().name())).reason(r.reason());
    Optional.ofNullable(r.chunkSize()).ifPresent(b::chunkSize);
    Optional.ofNullable(r.sampleLimit()).ifPresent(b::sampleLimit);
    idempotencyKey.ifPresent(b::idempotencyKey);
    return renaming(b::build, "idempotencyKey", "Idempotency-Key");
  }

  private static BulkAction action(BulkRequestJson.Action a) {
    List<FieldError> errors = new ArrayList<>();
    switch (a.type()) {
      case GRANT_ROLES -> {
        require(a.organization(), "organization", errors);
        require(a.roles(), "roles", errors);
      }
      case CHANGE_ORGANIZATIONS -> {
        require(a.membershipChange(), "membershipChange", errors);
        require(a.organizations(), "organizations", errors);
      }
      case REVOKE_PRODUCT -> require(a.product(), "product", errors);
      case REVOKE_ROLE -> require(a.role(), "role", errors);
      case CHANGE_STATUS -> require(a.statusChange(), "statusChange", errors);
      case OFFBOARD -> { }
    }
    if (!errors.isEmpty()) {
      throw new InvalidInputException(errors);
    }
    return switch (a.type()) {
      case GRANT_ROLES -> BulkAction.grantRoles(OrganizationId.of(a.organization()), roles(a.roles()));
      case CHANGE_ORGANIZATIONS -> BulkAction.changeOrganizations(BulkAction.MembershipChange.valueOf(a.membershipChange().name()),
          list(a.organizations()).stream().map(OrganizationId::of).collect(Collectors.toSet()), roles(a.roles()));
      case REVOKE_PRODUCT -> BulkAction.revokeProduct(ProductId.of(a.product()));
      case REVOKE_ROLE -> BulkAction.revokeRole(RoleId.of(a.role()), Optional.ofNullable(a.organization()).map(OrganizationId::of));
      case CHANGE_STATUS -> BulkAction.changeStatus(BulkAction.StatusChange.valueOf(a.statusChange().name()));
      case OFFBOARD -> BulkAction.offboard();
    };
  }

  private static Set<RoleId> roles(List<String> roles) {
    return list(roles).stream().map(RoleId::of).collect(Collectors.toSet());
  }

  private static void require(Object value, String field, List<FieldError> errors) {
    if (value == null || (value instanceof List<?> list && list.isEmpty())) {
      errors.add(new FieldError(field, "must be given for this action type"));
    }
  }

  static ClaimsQuery claims(ClaimsParams p, Optional<Integer> defaultLimit) {
    ClaimsQuery.Builder b = ClaimsQuery.builder()
        .range(p.dateField() == null ? ClaimDateField.ASSIGNED : ClaimDateField.valueOf(p.dateField().name()),
            Optional.ofNullable(p.from()), Optional.ofNullable(p.to()));
    Optional.ofNullable(p.user()).map(UserId::of).ifPresent(b::user);
    Optional.ofNullable(p.product()).map(ProductId::of).ifPresent(b::product);
    list(p.status()).forEach(s -> b.status(ClaimStatus.valueOf(s.name())));
    Optional.ofNullable(p.organization()).map(OrganizationId::of).ifPresent(b::organization);
    Optional.ofNullable(p.role()).map(RoleId::of).ifPresent(b::role);
    training(p.trainingId(), p.trainingStatus(), "").ifPresent(b::training);
    Optional.ofNullable(p.sortBy()).map(k -> ClaimSortKey.valueOf(k.name())).ifPresent(b::sortBy);
    Optional.ofNullable(p.direction()).map(d -> SortDirection.valueOf(d.name())).ifPresent(b::direction);
    Optional.ofNullable(p.limit()).or(() -> defaultLimit).ifPresent(b::limit);
    Optional.ofNullable(p.cursor()).ifPresent(b::cursor);
    return b.build();
  }

  static UnusedLicensesQuery unused(UnusedParams p) {
    UnusedLicensesQuery.Builder b = UnusedLicensesQuery.builder();
    Optional.ofNullable(p.pendingForDays()).ifPresent(b::pendingForDays);
    Optional.ofNullable(p.product()).map(ProductId::of).ifPresent(b::product);
    Optional.ofNullable(p.organization()).map(OrganizationId::of).ifPresent(b::organization);
    Optional.ofNullable(p.limit()).ifPresent(b::limit);
    Optional.ofNullable(p.cursor()).ifPresent(b::cursor);
    return b.build();
  }

  static AnalyticsQuery analytics(AnalyticsParams p) {
    AnalyticsQuery.Builder b = AnalyticsQuery.between(p.from(), p.to());
    Optional.ofNullable(p.product()).map(ProductId::of).ifPresent(b::product);
    Optional.ofNullable(p.organization()).map(OrganizationId::of).ifPresent(b::organization);
    Optional.ofNullable(p.granularity()).map(g -> Granularity.valueOf(g.name())).ifPresent(b::granularity);
    if (p.highAtLeast() != null || p.mediumAtLeast() != null) {
      b.bands(p.highAtLeast() == null ? 12 : p.highAtLeast(), p.mediumAtLeast() == null ? 4 : p.mediumAtLeast());
    }
    return b.build();
  }

  static AuditQuery audit(AuditParams p) {
    List<String> unknown = list(p.action()).stream()
        .filter(a -> Arrays.stream(ChangeType.values()).noneMatch(t -> t.name().equals(a))).toList();
    if (!unknown.isEmpty()) {
      throw InvalidInputException.of("action", "unknown action " + unknown + "; one of "
          + Arrays.stream(ChangeType.values()).map(Enum::name).collect(Collectors.joining(", ")));
    }
    var b = AuditQuery.builder();
    Optional.ofNullable(p.user()).map(UserId::of).ifPresent(b::user);
    Optional.ofNullable(p.subject()).ifPresent(b::subjectId);
    EnumSet<ChangeType> actions = EnumSet.noneOf(ChangeType.class);
    list(p.action()).forEach(a -> actions.add(ChangeType.valueOf(a)));
    b.actions(actions);
    Optional.ofNullable(p.from()).ifPresent(b::from);
    Optional.ofNullable(p.to()).ifPresent(b::to);
    b.limit(p.limit() == null ? 100 : p.limit());
    Optional.ofNullable(p.cursor()).ifPresent(b::cursor);
    return renaming(b::build, "subjectId", "subject", "actions", "action");
  }

  private static <T> List<T> list(List<T> values) {
    return values == null ? List.of() : values;
  }
}
