package org.licensekit.testkit.workflow;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.licensekit.core.ConflictException;
import org.licensekit.core.InvalidInputException;
import org.licensekit.core.api.AuditQuery;
import org.licensekit.core.api.ClaimResult;
import org.licensekit.core.api.NewPool;
import org.licensekit.core.api.NewUser;
import org.licensekit.core.domain.AuditEntry;
import org.licensekit.core.domain.ChangeType;
import org.licensekit.core.domain.LicenseClaim;
import org.licensekit.core.domain.LicensePool;
import org.licensekit.core.domain.OrganizationId;
import org.licensekit.core.domain.PoolId;
import org.licensekit.core.domain.ProductId;
import org.licensekit.core.domain.Term;
import org.licensekit.core.domain.UserId;
import org.licensekit.testkit.LicensingTestSupport;

/**
 * What the workflow suites share on top of {@link LicensingTestSupport}: short ways to read a
 * user's claims and a pool's seats, to claim as the user, and to add pools with a term or scope of
 * their own. Everything goes through the public API.
 */
public abstract class WorkflowSupport extends LicensingTestSupport {

  /** A pool of the product with the given term and, when present, organization scope. */
  protected LicensePool pool(ProductId product, int seats, Term term, Optional<OrganizationId> scope) {
    return admin.pools().add(NewPool.builder()
        .id(PoolId.of(product.value() + "-" + UUID.randomUUID().toString().substring(0, 8)))
        .product(product)
        .seats(seats)
        .term(term)
        .scope(scope)
        .build());
  }

  /** Registers and activates a user in the organization with no job profile, so no role at all. */
  protected UserId activeUserWithoutRoles(String id, OrganizationId organization) {
    UserId user = UserId.of(id);
    admin.users().register(NewUser.builder()
        .id(user)
        .name("User " + id)
        .email(id + "@example.org")
        .addOrganizations(organization)
        .build());
    admin.users().activate(user);
    return user;
  }

  /** Every claim of the user, newest first. */
  protected List<LicenseClaim> claimsOf(UserId user) {
    return admin.claims().ofUser(user);
  }

  /** The user's claims for one product, newest first. */
  protected List<LicenseClaim> claimsOf(UserId user, ProductId product) {
    return claimsOf(user).stream().filter(c -> c.product().equals(product)).toList();
  }

  /** The user's live (pending or active) claim for the product, if any. */
  protected Optional<LicenseClaim> liveClaim(UserId user, ProductId product) {
    return claimsOf(user, product).stream().filter(LicenseClaim::live).findFirst();
  }

  /** The user's live claim for the product; fails the test when there is none. */
  protected LicenseClaim theLiveClaim(UserId user, ProductId product) {
    return liveClaim(user, product)
        .orElseThrow(() -> new AssertionError(user + " holds no live claim for " + product + ": " + claimsOf(user)));
  }

  /** The claim as stored now. */
  protected LicenseClaim reread(LicenseClaim claim) {
    return admin.claims().find(claim.id()).orElseThrow();
  }

  /** Live claims holding a seat of the pool right now. */
  protected int seatsInUse(LicensePool pool) {
    return admin.pools().find(pool.id()).orElseThrow().seatsInUse();
  }

  /** The user claims the product, acting for themself. */
  protected ClaimResult claimAsUser(UserId user, ProductId product) {
    return asUser(user).claims().claim(user, product);
  }

  /** The user claims the product; fails the test when the claim is refused. */
  protected LicenseClaim claimed(UserId user, ProductId product) {
    ClaimResult result = claimAsUser(user, product);
    assertThat(result.refusals()).as("refusals when %s claims %s", user, product).isEmpty();
    return result.claim().orElseThrow();
  }

  /** The tenant's audit entries of one action, oldest first. */
  protected List<AuditEntry> audited(ChangeType action) {
    return admin.audit().query(AuditQuery.builder().addActions(action).build());
  }

  /** Asserts that the call is refused with an {@link InvalidInputException} naming exactly the given field. */
  protected static void assertInvalid(ThrowingCallable call, String field) {
    assertThatThrownBy(call).isInstanceOfSatisfying(InvalidInputException.class,
        e -> assertThat(e.fields()).containsExactly(field));
  }

  /** Asserts that the call is refused with a {@link ConflictException} of the given code. */
  protected static void assertConflict(ThrowingCallable call, String code) {
    assertThatThrownBy(call).isInstanceOfSatisfying(ConflictException.class, e -> assertThat(e.code()).isEqualTo(code));
  }
}
