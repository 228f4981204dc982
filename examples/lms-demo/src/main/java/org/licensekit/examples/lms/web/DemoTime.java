package org.licensekit.examples.lms.web;

import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneOffset;
import org.springframework.stereotype.Component;

/** Today's date in UTC, from the clock LicenseKit uses. */
@Component
class DemoTime {

  private final Clock clock;

  DemoTime(Clock clock) {
    this.clock = clock;
  }

  LocalDate today() {
    return LocalDate.ofInstant(clock.instant(), ZoneOffset.UTC);
  }
}
