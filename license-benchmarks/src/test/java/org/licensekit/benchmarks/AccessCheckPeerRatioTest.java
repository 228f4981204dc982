package org.licensekit.benchmarks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.Map;
import org.junit.jupiter.api.Test;
import org.licensekit.benchmarks.AccessCheckPeerRatio.Estimate;
import org.openjdk.jmh.util.ListStatistics;

class AccessCheckPeerRatioTest {

  @Test
  void settingsDefaultToThreeForksOfThreeWarmupsAndThreeIterationsAtTenThousandUsers() {
    assertThat(AccessCheckPeerRatio.settings(new String[0])).containsExactlyInAnyOrderEntriesOf(Map.of("forks", "3",
        "warmups", "3", "iterations", "3", "seconds", "3", "users", "10000", "sample", "true"));
  }

  @Test
  void anArgumentOverridesItsSettingOnly() {
    Map<String, String> settings = AccessCheckPeerRatio.settings(new String[] {"forks=5", "sample=false"});

    assertThat(settings).containsEntry("forks", "5").containsEntry("sample", "false").containsEntry("users", "10000");
  }

  @Test
  void anUnknownOrMalformedArgumentIsRefusedByName() {
    assertThatThrownBy(() -> AccessCheckPeerRatio.settings(new String[] {"-f", "3"}))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("'-f'");
    assertThatThrownBy(() -> AccessCheckPeerRatio.settings(new String[] {"fork=3"}))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("'fork=3'");
    assertThatThrownBy(() -> AccessCheckPeerRatio.settings(new String[] {"forks=0"}))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("'forks'").hasMessageContaining("positive");
    assertThatThrownBy(() -> AccessCheckPeerRatio.settings(new String[] {"users=ten"}))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("'users'");
    assertThatThrownBy(() -> AccessCheckPeerRatio.settings(new String[] {"sample=yes"}))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("'sample'").hasMessageContaining("true or false");
  }

  @Test
  void aRatioCarriesBothRelativeErrorsInQuadrature() {
    Estimate ratio = new Estimate(10, 1).over(new Estimate(2, 0.2));

    assertThat(ratio.mean()).isEqualTo(5.0);
    assertThat(ratio.error()).isCloseTo(5 * Math.sqrt(0.01 + 0.01), within(1e-12));
  }

  @Test
  void anEstimateIsTheMeanAndJmhsErrorOfItsSamples() {
    ListStatistics samples = new ListStatistics(new double[] {100, 110, 120, 130});

    Estimate estimate = Estimate.of(samples);

    assertThat(estimate.mean()).isEqualTo(115.0);
    assertThat(estimate.error()).isEqualTo(samples.getMeanErrorAt(0.999)).isGreaterThan(0);
    assertThat(Estimate.of(new ListStatistics(new double[] {7})).error()).isNaN();
    assertThat(Estimate.of(new ListStatistics()).mean()).isNaN();
  }
}
