package org.licensekit.testkit.rules;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.licensekit.core.FieldError;
import org.licensekit.core.InvalidInputException;
import org.licensekit.core.NotFoundException;
import org.licensekit.core.api.ClaimResult;
import org.licensekit.core.api.DefaultCatalog;
import org.licensekit.core.api.DenialReason;
import org.licensekit.core.domain.ClaimStatus;
import org.licensekit.core.domain.LicenseClaim;
import org.licensekit.core.domain.ProductId;
import org.licensekit.core.domain.UserId;
import org.licensekit.testkit.LicensingTestSupport;
import org.licensekit.testkit.store.TenantSnapshot;

/**
 * Rule 5: every command given bad input is refused — {@link InvalidInputException} naming exactly
 * the bad fields, or {@link NotFoundException} naming the field of an unknown id — and nothing is
 * written: the tenant's whole state (users, memberships, pools with their seats in use, claims,
 * training, audit trail, settings) is the same afterwards, and no notification or event went out.
 */
public abstract class BadInputSuite extends LicensingTestSupport {

  private BadInput.Known known;

  @BeforeEach
  void setUpKnownRecords() {
    pool(OBSERVATION, 5);
    pool(COACHING, 5);
    UserId ana = activeUser("ana", DefaultCatalog.TEACHER, NORTH);
    LicenseClaim claim = admin.claims().ofUser(ana).stream()
        .filter(c -> c.product().equals(OBSERVATION)).findFirst().orElseThrow();
    known = new BadInput.Known(ana, claim.pool(), claim.id());
    notifier.clear();
    events.clear();
  }

  static Stream<BadInput> badInputs() {
    return BadInputs.all().stream();
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("badInputs")
  void badInputIsRefusedNamingEachBadFieldAndWritesNothing(BadInput input) {
    TenantSnapshot before = snapshot();

    Throwable thrown = catchThrowable(() -> input.call().run(admin, known));

    assertThat(thrown).as(input.description()).isInstanceOf(input.refusal());
    if (thrown instanceof InvalidInputException invalid) {
      assertThat(invalid.fields()).as("fields named by: %s", thrown.getMessage()).containsExactlyInAnyOrderElementsOf(input.fields());
      assertThat(invalid.errors()).extracting(FieldError::problem).allSatisfy(problem -> assertThat(problem).isNotBlank());
    } else {
      assertThat(((NotFoundException) thrown).field()).as("field named by: %s", thrown.getMessage()).isEqualTo(input.fields().get(0));
    }
    assertThat(snapshot()).as("the tenant after the refused command").isEqualTo(before);
    assertThat(notifier.sent()).as("notifications").isEmpty();
    assertThat(events.published()).as("events").isEmpty();
  }

  @Test
  void claimingAnUnknownProductIsRefusedWithTheReasonAndWritesNothing() {
    TenantSnapshot before = snapshot();

    ClaimResult result = asUser(known.user()).claims().claim(known.user(), ProductId.of(BadInputs.GHOST));

    assertThat(result.succeeded()).isFalse();
    assertThat(result.refusals()).extracting(r -> r.reason()).contains(DenialReason.UNKNOWN_PRODUCT);
    assertThat(snapshot()).isEqualTo(before);
  }

  @Test
  void theKnownRecordsAreUntouchedSoEachRefusalIsJudgedOnAGoodTenant() {
    assertThat(admin.claims().find(known.claim())).get().extracting(LicenseClaim::status).isEqualTo(ClaimStatus.PENDING);
    assertThat(admin.pools().find(known.pool())).get().satisfies(p -> assertThat(p.seatsInUse()).isEqualTo(1));
  }

  private TenantSnapshot snapshot() {
    return TenantSnapshot.take(store, tenantId, List.of(known.user(), BadInputs.NEW_USER, UserId.of(BadInputs.GHOST)));
  }
}
