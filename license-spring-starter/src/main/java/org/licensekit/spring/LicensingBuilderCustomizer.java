package org.licensekit.spring;

import org.licensekit.core.Licensing;

/**
 * Adjusts the {@link Licensing.Builder} before the auto-configured {@link Licensing} bean is built,
 * after the starter has set the store, clock, notifier and event publisher. Every bean of this type
 * is applied, in {@link org.springframework.core.Ordered} order.
 *
 * <pre>{@code
 * @Bean
 * LicensingBuilderCustomizer fixedClock() {
 *   return builder -> builder.clock(Clock.fixed(Instant.parse("2026-09-01T00:00:00Z"), ZoneOffset.UTC));
 * }
 * }</pre>
 */
@FunctionalInterface
public interface LicensingBuilderCustomizer {

  /**
   * Customizes the builder.
   *
   * @param builder the builder the starter prepared
   */
  void customize(Licensing.Builder builder);
}
