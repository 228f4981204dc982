package org.licensekit.testkit.rules;

import java.security.SecureRandom;

/**
 * Sizes and the seed of the rule suites, read from system properties so that a slower store (JDBC)
 * can run smaller numbers and a failed property run can be replayed with its seed.
 */
public final class SuiteSettings {

  /** The master seed of the property runs; random when unset. */
  public static final String SEED = "licensekit.seed";
  /** How many random command sequences one property run makes. */
  public static final String RUNS = "licensekit.property.runs";
  /** How many commands each sequence has. */
  public static final String COMMANDS = "licensekit.property.commands";
  /** How many times each seat race is run. */
  public static final String RACE_ROUNDS = "licensekit.race.rounds";

  private static final long SEED_VALUE = readSeed();

  private SuiteSettings() {}

  /** The master seed: {@code -Dlicensekit.seed} when given, else one drawn once per JVM. */
  public static long seed() {
    return SEED_VALUE;
  }

  /** The seed of sequence {@code index} of a run with master seed {@code seed}. */
  public static long sequenceSeed(long seed, int index) {
    // SplitMix64's finalizer: neighbouring indexes give unrelated seeds.
    long z = seed + (index + 1) * 0x9E3779B97F4A7C15L;
    z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
    z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
    return z ^ (z >>> 31);
  }

  /** A positive integer property, or {@code defaultValue} when unset. */
  public static int size(String property, int defaultValue) {
    String value = System.getProperty(property);
    if (value == null || value.isBlank()) {
      return defaultValue;
    }
    int parsed = Integer.parseInt(value.trim());
    if (parsed <= 0) {
      throw new IllegalArgumentException(property + " must be positive (was " + value + ")");
    }
    return parsed;
  }

  private static long readSeed() {
    String value = System.getProperty(SEED);
    return value == null || value.isBlank() ? new SecureRandom().nextLong() : Long.parseLong(value.trim());
  }
}
