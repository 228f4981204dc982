package org.licensekit.examples.lms;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * The demo's own settings ({@code licensekit.demo.*}).
 *
 * @param tenant the tenant the demo shows
 * @param users how many users the first start seeds (at least 50)
 * @param seed whether the first start seeds the district at all
 */
@ConfigurationProperties("licensekit.demo")
public record DemoProperties(String tenant, int users, boolean seed) {

  /** Applies the defaults: tenant {@code riverside-usd}, 2,000 users, seeding on. */
  public DemoProperties {
    tenant = tenant == null || tenant.isBlank() ? "riverside-usd" : tenant;
    users = users == 0 ? 2_000 : users;
  }
}
