package org.licensekit.testkit.rules;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.licensekit.core.SeatCounterDrift;
import org.licensekit.core.api.NewUser;
import org.licensekit.core.domain.LicenseClaim;
import org.licensekit.core.domain.LicensePool;
import org.licensekit.core.domain.UserId;
import org.licensekit.testkit.LicensingTestSupport;

/**
 * A seat counter that drifted below the live claims is seen, not hidden: ending a claim whose pool's
 * counter is already at zero is counted in {@link SeatCounterDrift} (and logged), and the counter
 * stays at zero.
 */
public abstract class SeatCounterDriftSuite extends LicensingTestSupport {

  @Test
  void endingAClaimWhosePoolCounterIsAtZeroIsCountedAsDrift() {
    LicensePool pool = pool(OBSERVATION, 5);
    UserId ana = UserId.of("ana");
    admin.users().register(NewUser.builder().id(ana).name("Ana").email("ana@example.org").invite(false).build());
    LicenseClaim claim = admin.assignments().assignProduct(ana, OBSERVATION, "drift").assigned().get(0);
    // the counter drifts: something released the claim's seat behind LicenseKit's back
    store.transactions().inTransaction(() -> store.pools().releaseSeat(tenantId, pool.id()));
    long before = SeatCounterDrift.releasesAtZero();

    admin.claims().revoke(claim.id(), "drift");

    assertThat(SeatCounterDrift.releasesAtZero()).as("releases at zero counted").isGreaterThan(before);
    assertThat(admin.pools().find(pool.id()).orElseThrow().seatsInUse()).isZero();
  }

  @Test
  void endingAClaimWithASeatCountedIsNoDrift() {
    LicensePool pool = pool(OBSERVATION, 5);
    UserId bo = UserId.of("bo");
    admin.users().register(NewUser.builder().id(bo).name("Bo").email("bo@example.org").invite(false).build());
    LicenseClaim claim = admin.assignments().assignProduct(bo, OBSERVATION, "no drift").assigned().get(0);
    long before = SeatCounterDrift.releasesAtZero();

    admin.claims().revoke(claim.id(), "no drift");

    assertThat(SeatCounterDrift.releasesAtZero()).isEqualTo(before);
    assertThat(admin.pools().find(pool.id()).orElseThrow().seatsInUse()).isZero();
  }
}
