package org.licensekit.core.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.licensekit.core.InvalidInputException;

class OutboxPolicyTest {

  @Test
  void theBackoffDoublesFromTheFirstUpToTheLongest() {
    OutboxPolicy policy = OutboxPolicy.defaults();

    assertThat(policy.backoff(1)).isEqualTo(Duration.ofSeconds(30));
    assertThat(policy.backoff(2)).isEqualTo(Duration.ofMinutes(1));
    assertThat(policy.backoff(5)).isEqualTo(Duration.ofMinutes(8));
    assertThat(policy.backoff(11)).isEqualTo(Duration.ofHours(6));
    assertThat(policy.backoff(Integer.MAX_VALUE)).isEqualTo(Duration.ofHours(6));
  }

  @Test
  void outOfRangeSettingsAreRefusedByField() {
    assertThatThrownBy(() -> new OutboxPolicy(0, Duration.ofSeconds(1), Duration.ofSeconds(2), Duration.ofMinutes(1)))
        .isInstanceOf(InvalidInputException.class).hasMessageContaining("maxAttempts");
    assertThatThrownBy(() -> new OutboxPolicy(3, Duration.ofSeconds(10), Duration.ofSeconds(2), Duration.ofMinutes(1)))
        .isInstanceOf(InvalidInputException.class).hasMessageContaining("maxBackoff");
    assertThatThrownBy(() -> new OutboxPolicy(3, Duration.ZERO, Duration.ofSeconds(2), Duration.ofMinutes(1)))
        .isInstanceOf(InvalidInputException.class).hasMessageContaining("firstBackoff");
    assertThatThrownBy(() -> new OutboxPolicy(3, Duration.ofSeconds(1), Duration.ofSeconds(2), Duration.ofSeconds(-1)))
        .isInstanceOf(InvalidInputException.class).hasMessageContaining("lease");
  }
}
