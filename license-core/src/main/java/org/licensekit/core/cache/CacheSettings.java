package org.licensekit.core.cache;

import com.google.common.base.Ticker;
import java.time.Duration;
import java.util.Objects;
import org.licensekit.core.InvalidInputException;

/**
 * How a {@link CachingLicenseStore} caches: immutable; {@link #ofDefaults()} or
 * {@link #custom()}{@code …build()}.
 *
 * <pre>{@code
 * CacheSettings settings = CacheSettings.custom()
 *     .maximumStaleness(Duration.ofSeconds(2))
 *     .maximumSnapshots(50_000)
 *     .build();
 * }</pre>
 */
public final class CacheSettings {

  /** How long a cached read may be served at most, unless this JVM changed it: 5 seconds. */
  public static final Duration DEFAULT_MAXIMUM_STALENESS = Duration.ofSeconds(5);

  /** How many snapshots (one per tenant × user, a few per tenant) are kept at most: 100,000. */
  public static final long DEFAULT_MAXIMUM_SNAPSHOTS = 100_000;

  /** How many decided access checks (one per tenant × user × product checked) are kept at most: 250,000. */
  public static final long DEFAULT_MAXIMUM_DECISIONS = 250_000;

  private static final CacheSettings DEFAULTS = custom().build();

  private final Duration maximumStaleness;
  private final long maximumSnapshots;
  private final long maximumDecisions;
  private final Ticker ticker;

  private CacheSettings(Builder builder) {
    this.maximumStaleness = builder.maximumStaleness;
    this.maximumSnapshots = builder.maximumSnapshots;
    this.maximumDecisions = builder.maximumDecisions;
    this.ticker = builder.ticker;
  }

  /** Five seconds of staleness at most, 100,000 snapshots, the system ticker. */
  public static CacheSettings ofDefaults() {
    return DEFAULTS;
  }

  public static Builder custom() {
    return new Builder();
  }

  /**
   * The longest a cached read is served, measured from the moment the read that filled it began.
   * It bounds how long a change made by another JVM sharing the database stays unseen here; a
   * change made through this store is seen at once.
   *
   * <p>Elapsed time is measured on the {@linkplain #ticker() ticker}, with one exception that saves
   * a warm access check its second time reading: when the licensing clock is the JDK's system clock
   * and the ticker is the system ticker, a decided access check is timed on the clock's
   * milliseconds. Its bound is then the first clock millisecond at which the ticker would have
   * ended it, rounded down, and it is also never served once the clock is before the instant it
   * was made, nor after any check has seen the clock go back (every decision made before such a
   * step is decided again). A step back of the system clock that no check sees before the clock has
   * made up for it can lengthen the bound of a decision made before the step by at most the step.
   */
  public Duration maximumStaleness() {
    return maximumStaleness;
  }

  /**
   * The most snapshots kept: one per tenant × user that was read, and up to four per tenant (its
   * catalog, organizations, pools and settings). The least recently used goes first.
   */
  public long maximumSnapshots() {
    return maximumSnapshots;
  }

  /**
   * The most decided access checks kept, one per tenant × user × product checked. Past it, the
   * checks that can no longer be served go first, then others (never the user just checked), down to three quarters
   * of the maximum.
   */
  public long maximumDecisions() {
    return maximumDecisions;
  }

  /** The source of elapsed time for staleness; a test may pass a ticker it moves by hand. */
  public Ticker ticker() {
    return ticker;
  }

  @Override
  public String toString() {
    return "CacheSettings[maximumStaleness=" + maximumStaleness + ", maximumSnapshots=" + maximumSnapshots
        + ", maximumDecisions=" + maximumDecisions + "]";
  }

  /** Builds {@link CacheSettings}; every setting has a default. */
  public static final class Builder {
    private Duration maximumStaleness = DEFAULT_MAXIMUM_STALENESS;
    private long maximumSnapshots = DEFAULT_MAXIMUM_SNAPSHOTS;
    private long maximumDecisions = DEFAULT_MAXIMUM_DECISIONS;
    private Ticker ticker = Ticker.systemTicker();

    private Builder() {}

    /** See {@link CacheSettings#maximumStaleness()}; must be positive. */
    public Builder maximumStaleness(Duration maximumStaleness) {
      Objects.requireNonNull(maximumStaleness, "maximumStaleness");
      if (maximumStaleness.isNegative() || maximumStaleness.isZero()) {
        throw InvalidInputException.of("maximumStaleness", "must be positive, was " + maximumStaleness);
      }
      this.maximumStaleness = maximumStaleness;
      return this;
    }

    /** See {@link CacheSettings#maximumSnapshots()}; at least 1. */
    public Builder maximumSnapshots(long maximumSnapshots) {
      if (maximumSnapshots < 1) {
        throw InvalidInputException.of("maximumSnapshots", "must be at least 1, was " + maximumSnapshots);
      }
      this.maximumSnapshots = maximumSnapshots;
      return this;
    }

    /** See {@link CacheSettings#maximumDecisions()}; at least 1. */
    public Builder maximumDecisions(long maximumDecisions) {
      if (maximumDecisions < 1) {
        throw InvalidInputException.of("maximumDecisions", "must be at least 1, was " + maximumDecisions);
      }
      this.maximumDecisions = maximumDecisions;
      return this;
    }

    /** See {@link CacheSettings#ticker()} (default: {@link Ticker#systemTicker()}). */
    public Builder ticker(Ticker ticker) {
      this.ticker = Objects.requireNonNull(ticker, "ticker");
      return this;
    }

    public CacheSettings build() {
      return new CacheSettings(this);
    }
  }
}
