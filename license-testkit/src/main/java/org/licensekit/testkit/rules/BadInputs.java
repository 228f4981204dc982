package org.licensekit.testkit.rules;

import static org.licensekit.testkit.LicensingTestSupport.DISTRICT;
import static org.licensekit.testkit.LicensingTestSupport.EVALUATOR_CERTIFICATION;
import static org.licensekit.testkit.LicensingTestSupport.PROCTOR_TRAINING;
import static org.licensekit.testkit.LicensingTestSupport.NORTH;
import static org.licensekit.testkit.LicensingTestSupport.OBSERVATION;
import static org.licensekit.testkit.LicensingTestSupport.START;
import static org.licensekit.testkit.rules.BadInput.invalid;
import static org.licensekit.testkit.rules.BadInput.notFound;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.licensekit.core.api.TrainingCondition;
import org.licensekit.core.api.UserFilter;
import org.licensekit.core.api.report.ClaimsQuery;
import org.licensekit.core.domain.TrainingId;

import org.licensekit.core.api.AuditQuery;
import org.licensekit.core.api.DefaultCatalog;
import org.licensekit.core.api.FollowUp;
import org.licensekit.core.api.ImmutableNewPool;
import org.licensekit.core.api.ImmutableNewUser;
import org.licensekit.core.api.NewPool;
import org.licensekit.core.api.NewUser;
import org.licensekit.core.api.UserUpdate;
import org.licensekit.core.domain.ClaimId;
import org.licensekit.core.domain.JobProfile;
import org.licensekit.core.domain.JobProfileId;
import org.licensekit.core.domain.Organization;
import org.licensekit.core.domain.OrganizationId;
import org.licensekit.core.domain.PoolId;
import org.licensekit.core.domain.ImmutableProduct;
import org.licensekit.core.domain.Product;
import org.licensekit.core.domain.ProductId;
import org.licensekit.core.domain.ProductType;
import org.licensekit.core.domain.Role;
import org.licensekit.core.domain.RoleId;
import org.licensekit.core.domain.Term;
import org.licensekit.core.domain.UserId;
import org.licensekit.core.domain.Validity;

/** Every command of the public API given bad input, with the refusal it must meet. */
final class BadInputs {

  /** The id of the user bad registrations try to create. */
  static final UserId NEW_USER = UserId.of("carl");
  /** An id no record has. */
  static final String GHOST = "ghost";

  private static final UserId GHOST_USER = UserId.of(GHOST);
  private static final ProductId GHOST_PRODUCT = ProductId.of(GHOST);
  private static final OrganizationId GHOST_ORGANIZATION = OrganizationId.of(GHOST);
  private static final RoleId GHOST_ROLE = RoleId.of(GHOST);
  private static final String BLANK = "  ";
  private static final String TOO_LONG = "x".repeat(201);
  private static final Instant EARNED = START.minus(Duration.ofDays(10));

  private BadInputs() {}

  static List<BadInput> all() {
    return List.of(
        invalid("register: blank name and malformed email", (a, k) -> a.users().register(newUser().name(BLANK).email("not-an-email").build()), "email", "name"),
        invalid("register: name longer than 200", (a, k) -> a.users().register(newUser().name(TOO_LONG).build()), "name"),
        invalid("register: job profile without organizations", (a, k) -> a.users().register(newUser().jobProfile(DefaultCatalog.TEACHER).build()), "organizations"),
        notFound("register: unknown organization", "organizationId", (a, k) -> a.users().register(newUser().addOrganizations(GHOST_ORGANIZATION).build())),
        notFound("register: unknown job profile", "jobProfile", (a, k) -> a.users().register(newUser().jobProfile(JobProfileId.of(GHOST)).addOrganizations(NORTH).build())),
        notFound("register: unknown additional role", "roleId", (a, k) -> a.users().register(newUser().addAdditionalRoles(GHOST_ROLE).addOrganizations(NORTH).build())),
        invalid("register: blank user id", (a, k) -> newUser().id(UserId.of(BLANK)), "userId"),
        invalid("update: blank name", (a, k) -> a.users().update(UserUpdate.builder().id(k.user()).name(BLANK).build()), "name"),
        invalid("update: malformed email", (a, k) -> a.users().update(UserUpdate.builder().id(k.user()).email("ana.example.org").build()), "email"),
        notFound("update: unknown user", "userId", (a, k) -> a.users().update(UserUpdate.builder().id(GHOST_USER).name("Ghost").build())),
        notFound("activate: unknown user", "userId", (a, k) -> a.users().activate(GHOST_USER)),
        invalid("suspend: blank reason", (a, k) -> a.users().suspend(k.user(), BLANK), "reason"),
        invalid("archive: blank reason", (a, k) -> a.users().archive(k.user(), ""), "reason"),
        invalid("define organization: blank name", (a, k) -> a.users().defineOrganization(Organization.root(OrganizationId.of("east"), BLANK)), "name"),
        notFound("define organization: unknown parent", "organizationId", (a, k) -> a.users().defineOrganization(Organization.child(OrganizationId.of("east"), "East", GHOST_ORGANIZATION))),
        invalid("define organization: parent cycle", (a, k) -> a.users().defineOrganization(Organization.child(DISTRICT, "District", NORTH)), "parent"),
        invalid("define product: blank name", (a, k) -> a.catalog().defineProduct(product().name(BLANK).build()), "name"),
        invalid("define product: zero validity", (a, k) -> a.catalog().defineProduct(product().validity(Validity.afterClaim(Duration.ZERO)).build()), "validity.duration"),
        invalid("define role: blank name", (a, k) -> a.catalog().defineRole(Role.builder().id(RoleId.of("coach")).name(BLANK).build()), "name"),
        notFound("define role: grants unknown product", "productId", (a, k) -> a.catalog().defineRole(Role.builder().id(RoleId.of("coach")).name("Coach").addGrants(GHOST_PRODUCT).build())),
        invalid("define job profile: blank name", (a, k) -> a.catalog().defineJobProfile(JobProfile.of(JobProfileId.of("coach"), BLANK, Set.of(DefaultCatalog.OBSERVER))), "name"),
        notFound("define job profile: unknown role", "roleId", (a, k) -> a.catalog().defineJobProfile(JobProfile.of(JobProfileId.of("coach"), "Coach", Set.of(GHOST_ROLE)))),
        invalid("add pool: zero seats", (a, k) -> a.pools().add(newPool().seats(0).build()), "seats"),
        invalid("add pool: negative seats", (a, k) -> a.pools().add(newPool().seats(-3).build()), "seats"),
        invalid("add pool: too many seats", (a, k) -> a.pools().add(newPool().seats(10_000_001).build()), "seats"),
        invalid("add pool: zero seats and empty reference", (a, k) -> a.pools().add(newPool().seats(0).reference("").build()), "reference", "seats"),
        invalid("add pool: term ending before it starts", (a, k) -> a.pools().add(newPool().term(Term.of(START, START.minus(Duration.ofDays(1)))).build()), "term.end"),
        notFound("add pool: unknown product", "productId", (a, k) -> a.pools().add(newPool().product(GHOST_PRODUCT).build())),
        notFound("add pool: unknown scope", "organizationId", (a, k) -> a.pools().add(newPool().scope(GHOST_ORGANIZATION).build())),
        invalid("extend term: blank reason", (a, k) -> a.pools().extendTerm(k.pool(), START.plus(Duration.ofDays(400)), BLANK), "reason"),
        invalid("extend term: end before the term's start", (a, k) -> a.pools().extendTerm(k.pool(), START.minus(Duration.ofDays(30)), "shorten"), "newEnd"),
        invalid("extend term: an earlier end", (a, k) -> a.pools().extendTerm(k.pool(), a.pools().find(k.pool()).orElseThrow().pool().term().end().minusSeconds(1), "shorten"), "newEnd"),
        invalid("extend term: the same end", (a, k) -> a.pools().extendTerm(k.pool(), a.pools().find(k.pool()).orElseThrow().pool().term().end(), "same"), "newEnd"),
        invalid("extend term: end past the storable range", (a, k) -> a.pools().extendTerm(k.pool(), Instant.MAX, "forever"), "newEnd"),
        invalid("extend term: reason longer than 1000", (a, k) -> a.pools().extendTerm(k.pool(), START.plus(Duration.ofDays(800)), "r".repeat(1_001)), "reason"),
        invalid("suspend: reason longer than 1000", (a, k) -> a.users().suspend(k.user(), "r".repeat(1_001)), "reason"),
        invalid("revoke claim: reason with U+0000", (a, k) -> a.claims().revoke(k.claim(), "gone\u0000"), "reason"),
        invalid("define organization: name longer than 200", (a, k) -> a.users().defineOrganization(Organization.root(OrganizationId.of("east"), TOO_LONG)), "name"),
        invalid("define organization: name with U+0000", (a, k) -> a.users().defineOrganization(Organization.root(OrganizationId.of("east"), "East\u0000")), "name"),
        invalid("define job profile: name longer than 200", (a, k) -> a.catalog().defineJobProfile(JobProfile.of(JobProfileId.of("coach"), TOO_LONG, Set.of(DefaultCatalog.OBSERVER))), "name"),
        invalid("define product: validity of 200 years", (a, k) -> a.catalog().defineProduct(product().validity(Validity.afterClaim(Duration.ofDays(73_000))).build()), "validity.duration"),
        invalid("define product: validity that would overflow an instant", (a, k) -> a.catalog().defineProduct(product().validity(Validity.afterClaim(Duration.ofSeconds(Long.MAX_VALUE))).build()), "validity.duration"),
        invalid("add pool: term ending after year 9999", (a, k) -> a.pools().add(newPool().term(Term.of(START, Instant.MAX)).build()), "term.end"),
        invalid("follow-up: step of 20 years", (a, k) -> a.lifecycle().followUp(new FollowUp(List.of(Duration.ofDays(7_300)), Optional.empty())), "steps"),
        invalid("follow-up: deadline of 20 years", (a, k) -> a.lifecycle().followUp(FollowUp.defaults().withDeadline(Duration.ofDays(7_300))), "deadline"),
        notFound("extend term: unknown pool", "poolId", (a, k) -> a.pools().extendTerm(PoolId.of(GHOST), START.plus(Duration.ofDays(400)), "extend")),
        invalid("renew: blank reason", (a, k) -> a.pools().renew(k.pool(), year(), Optional.empty(), BLANK), "reason"),
        notFound("renew: unknown pool", "poolId", (a, k) -> a.pools().renew(PoolId.of(GHOST), year(), Optional.empty(), "renewed")),
        invalid("change seats: zero", (a, k) -> a.pools().changeSeats(k.pool(), 0, "fewer"), "seats"),
        invalid("change seats: negative", (a, k) -> a.pools().changeSeats(k.pool(), -1, "fewer"), "seats"),
        invalid("change seats: too many", (a, k) -> a.pools().changeSeats(k.pool(), 10_000_001, "more"), "seats"),
        invalid("change seats: blank reason", (a, k) -> a.pools().changeSeats(k.pool(), 8, BLANK), "reason"),
        invalid("change seats: zero and blank reason", (a, k) -> a.pools().changeSeats(k.pool(), 0, BLANK), "reason", "seats"),
        notFound("change seats: unknown pool", "poolId", (a, k) -> a.pools().changeSeats(PoolId.of(GHOST), 8, "more")),
        notFound("assign role: unknown user", "userId", (a, k) -> a.assignments().assignRole(GHOST_USER, NORTH, DefaultCatalog.OBSERVER)),
        notFound("assign role: unknown organization", "organizationId", (a, k) -> a.assignments().assignRole(k.user(), GHOST_ORGANIZATION, DefaultCatalog.OBSERVER)),
        notFound("assign role: unknown role", "roleId", (a, k) -> a.assignments().assignRole(k.user(), NORTH, GHOST_ROLE)),
        notFound("add to organization: unknown role", "roleId", (a, k) -> a.assignments().addToOrganization(k.user(), DISTRICT, Set.of(GHOST_ROLE))),
        invalid("revoke role: blank reason", (a, k) -> a.assignments().revokeRole(k.user(), NORTH, DefaultCatalog.OBSERVABLE, BLANK), "reason"),
        invalid("remove from organization: blank reason", (a, k) -> a.assignments().removeFromOrganization(k.user(), NORTH, ""), "reason"),
        invalid("assign product: blank reason", (a, k) -> a.assignments().assignProduct(k.user(), OBSERVATION, BLANK), "reason"),
        notFound("assign product: unknown product", "productId", (a, k) -> a.assignments().assignProduct(k.user(), GHOST_PRODUCT, "direct")),
        notFound("assign product: unknown user", "userId", (a, k) -> a.assignments().assignProduct(GHOST_USER, OBSERVATION, "direct")),
        invalid("revoke product: blank reason", (a, k) -> a.assignments().revokeProduct(k.user(), OBSERVATION, BLANK), "reason"),
        notFound("revoke product: unknown user", "userId", (a, k) -> a.assignments().revokeProduct(GHOST_USER, OBSERVATION, "gone")),
        notFound("revoke product: unknown product", "productId", (a, k) -> a.assignments().revokeProduct(k.user(), GHOST_PRODUCT, "gone")),
        invalid("revoke claim: blank reason", (a, k) -> a.claims().revoke(k.claim(), BLANK), "reason"),
        notFound("revoke claim: unknown claim", "claimId", (a, k) -> a.claims().revoke(ClaimId.of(GHOST), "gone")),
        invalid("certification expiring before it was earned", (a, k) -> a.training().recordCertification(k.user(), EVALUATOR_CERTIFICATION, EARNED, EARNED.minus(Duration.ofDays(1))), "expiresAt"),
        invalid("certification expiring as it is earned", (a, k) -> a.training().recordCertification(k.user(), EVALUATOR_CERTIFICATION, EARNED, EARNED), "expiresAt"),
        notFound("certification of an unknown user", "userId", (a, k) -> a.training().recordCertification(GHOST_USER, EVALUATOR_CERTIFICATION, EARNED, START.plus(Duration.ofDays(300)))),
        invalid("waitlist move: place 0", (a, k) -> a.waitlist().move(OBSERVATION, k.user(), 0, "first in line"), "position"),
        invalid("waitlist move: negative place", (a, k) -> a.waitlist().move(OBSERVATION, k.user(), -3, "first in line"), "position"),
        invalid("waitlist move: blank reason", (a, k) -> a.waitlist().move(OBSERVATION, k.user(), 1, BLANK), "reason"),
        invalid("waitlist remove: blank reason", (a, k) -> a.waitlist().remove(OBSERVATION, k.user(), ""), "reason"),
        notFound("waitlist move: unknown product", "productId", (a, k) -> a.waitlist().move(GHOST_PRODUCT, k.user(), 1, "first in line")),
        notFound("waitlist remove: unknown product", "productId", (a, k) -> a.waitlist().remove(GHOST_PRODUCT, k.user(), "gone")),
        notFound("waitlist of an unknown product", "productId", (a, k) -> a.waitlist().of(GHOST_PRODUCT)),
        notFound("waitlist of an unknown user", "userId", (a, k) -> a.waitlist().ofUser(GHOST_USER)),
        invalid("training assignment due in the past", (a, k) -> a.training().assign(k.user(), PROCTOR_TRAINING, START.minus(Duration.ofDays(1))), "dueAt"),
        invalid("training assignment due now", (a, k) -> a.training().assign(k.user(), PROCTOR_TRAINING, START), "dueAt"),
        notFound("training assignment of an unknown user", "userId", (a, k) -> a.training().assign(GHOST_USER, PROCTOR_TRAINING, START.plus(Duration.ofDays(30)))),
        notFound("profile of an unknown user", "userId", (a, k) -> a.users().profile(GHOST_USER)),
        notFound("completion of an unknown user", "userId", (a, k) -> a.training().recordCompletion(GHOST_USER, EVALUATOR_CERTIFICATION, EARNED)),
        invalid("bulk count: training filter naming a malformed training", (a, k) -> a.bulk().count(UserFilter.builder()
            .training(TrainingId.of("first aid"), TrainingCondition.Status.OVERDUE).build()), "trainingId"),
        invalid("bulk count: training filter and sub-organizations without an organization", (a, k) -> a.bulk().count(new UserFilter(
            Optional.empty(), true, Optional.empty(), Optional.empty(), Set.of(), Optional.empty(), Optional.empty(), Optional.empty(),
            Optional.of(TrainingCondition.of(PROCTOR_TRAINING, TrainingCondition.Status.NOT_COMPLETED)))), "includeSubOrganizations"),
        invalid("claims report: training filter naming a blank training", (a, k) -> a.reports().claims(ClaimsQuery.builder()
            .training(TrainingId.of(BLANK), TrainingCondition.Status.COMPLETED).build()), "trainingId"),
        invalid("audit query: limit 0", (a, k) -> a.audit().query(AuditQuery.builder().limit(0).build()), "limit"),
        invalid("audit query: negative limit", (a, k) -> a.audit().query(AuditQuery.builder().limit(-1).build()), "limit"),
        invalid("audit query: limit above 10000", (a, k) -> a.audit().query(AuditQuery.builder().limit(10_001).build()), "limit"),
        invalid("audit page: limit 0", (a, k) -> a.audit().page(AuditQuery.builder().limit(0).build()), "limit"),
        invalid("audit page: forged cursor", (a, k) -> a.audit().page(AuditQuery.builder().cursor("YTF8LTE").build()), "cursor"),
        invalid("audit count: limit above 10000", (a, k) -> a.audit().count(AuditQuery.builder().limit(10_001).build()), "limit"));
  }

  private static ImmutableNewUser.Builder newUser() {
    return NewUser.builder().id(NEW_USER).name("Carl Jones").email("carl@example.org");
  }

  private static ImmutableNewPool.Builder newPool() {
    return NewPool.builder().id(PoolId.of("new-pool")).product(OBSERVATION).seats(5).term(year());
  }

  private static ImmutableProduct.Builder product() {
    return Product.builder().id(ProductId.of("new-product")).name("New product").type(ProductType.LEARNING_CONTENT);
  }

  private static Term year() {
    return Term.of(START.minus(Duration.ofDays(7)), START.plus(Duration.ofDays(365)));
  }
}
