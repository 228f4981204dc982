package org.licensekit.core.policy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class ActivationTrendTest {

  @Test
  void theChangeIsThisPeriodsRateMinusThePreviousOnesSigned() {
    assertThat(ActivationTrend.of(2, 1, 4, 3).text()).isEqualTo("0.500/0.750/-0.250");
    assertThat(ActivationTrend.of(4, 3, 2, 1).text()).isEqualTo("0.750/0.500/+0.250");
    assertThat(ActivationTrend.of(3, 1, 6, 2).text()).isEqualTo("0.333/0.333/+0.000");
    assertThat(ActivationTrend.of(1, 1, 3, 0).change()).contains(1.0);
  }

  @Test
  void aPeriodWithoutAssignmentsHasNoRateAndThenNoChange() {
    assertThat(ActivationTrend.of(0, 0, 4, 1).text()).isEqualTo("-/0.250/-");
    assertThat(ActivationTrend.of(5, 0, 0, 0).text()).isEqualTo("0.000/-/-");
    assertThat(ActivationTrend.of(0, 0, 0, 0).change()).isEmpty();
  }

  @Test
  void impossibleCohortsAreRefused() {
    assertThatThrownBy(() -> ActivationTrend.of(1, 2, 0, 0)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> ActivationTrend.of(0, 0, -1, 0)).isInstanceOf(IllegalArgumentException.class);
  }
}
