package org.licensekit.benchmarks;

import java.io.File;
import java.net.MalformedURLException;
import java.net.URL;
import java.net.URLClassLoader;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.IntToLongFunction;
import org.openjdk.jmh.runner.format.OutputFormat;
import org.openjdk.jmh.runner.format.OutputFormatFactory;
import org.openjdk.jmh.runner.options.VerboseMode;

/**
 * The warm access check of two builds compared in one JVM, alternately: each build's classes
 * (license-core and the benchmarks, given as two class paths) in their own class loader, each set
 * up as {@link AccessCheckPeerBenchmark}'s LicenseKit checker with the same users, one full
 * collection after both setups, then rounds in which each build runs the same number of checks
 * of random users (which build goes first alternates), measured as the thread's CPU nanoseconds
 * per check. A busy machine slows both builds' checks of one round alike, so the ratio of each
 * round's pair is steadier than two separate runs' figures; it prints every round, and per build
 * the median, and the median, lowest and highest of the rounds' ratios. The two places are not
 * quite alike (on a busy machine one build against itself gave median ratios of 1.10 and 1.31),
 * so run it both ways and take the geometric mean of the two ratios, the second one inverted.
 *
 * <p>Arguments, as {@code name=value}: {@code base} and {@code candidate}, class paths in the
 * platform's path syntax (required); {@code users} (10000); {@code rounds} (20, after 5 rounds of
 * warm-up); {@code checks} per build per round (2,000,000). For example, with the class path of
 * main's build saved in {@code base.cp} and this build's in {@code candidate.cp}:
 *
 * <pre>{@code
 * java -cp license-benchmarks/target/classes org.licensekit.benchmarks.WarmCheckAlternation \
 *     base=$(cat base.cp) candidate=$(cat candidate.cp) users=10000
 * }</pre>
 */
public final class WarmCheckAlternation {

  private WarmCheckAlternation() {
  }

  /**
   * Runs the comparison and prints it.
   *
   * @param args {@code name=value} settings, see the class description
   * @throws Exception when a build's classes cannot be loaded or set up
   * @throws IllegalArgumentException when an argument is not {@code name=value} of a known name, or a class path is missing
   */
  public static void main(String[] args) throws Exception {
    Map<String, String> settings = new LinkedHashMap<>(Map.of("users", "10000", "rounds", "20", "checks", "2000000"));
    for (String arg : args) {
      int eq = arg.indexOf('=');
      String name = eq < 0 ? arg : arg.substring(0, eq);
      if (eq < 0 || !List.of("base", "candidate", "users", "rounds", "checks").contains(name)) {
        throw new IllegalArgumentException("argument " + arg + ": expected base=, candidate=, users=, rounds= or checks=");
      }
      settings.put(name, arg.substring(eq + 1));
    }
    for (String required : List.of("base", "candidate")) {
      if (!settings.containsKey(required)) {
        throw new IllegalArgumentException(required + " is required: the class path of a build");
      }
    }
    int users = Integer.parseInt(settings.get("users"));
    int rounds = Integer.parseInt(settings.get("rounds"));
    int checks = Integer.parseInt(settings.get("checks"));
    // The comparison is this program's result, printed the way JMH prints its own.
    OutputFormat out = OutputFormatFactory.createFormatInstance(System.out, VerboseMode.NORMAL);
    IntToLongFunction base = loop(settings.get("base"), users);
    IntToLongFunction candidate = loop(settings.get("candidate"), users);
    System.gc();
    double[] baseNanos = new double[rounds];
    double[] candidateNanos = new double[rounds];
    double[] ratios = new double[rounds];
    for (int round = -5; round < rounds; round++) {
      boolean baseFirst = (round & 1) == 0;
      long first = (baseFirst ? base : candidate).applyAsLong(checks);
      long second = (baseFirst ? candidate : base).applyAsLong(checks);
      double b = (baseFirst ? first : second) / (double) checks;
      double c = (baseFirst ? second : first) / (double) checks;
      if (round >= 0) {
        baseNanos[round] = b;
        candidateNanos[round] = c;
        ratios[round] = c / b;
        out.println(String.format(Locale.ROOT, "round %2d: base %7.1f ns, candidate %7.1f ns per check, candidate/base %.3f",
            round + 1, b, c, c / b));
      }
    }
    out.println(String.format(Locale.ROOT, "users %d, %d rounds of %d checks each: base median %.1f ns, candidate median %.1f ns"
        + " per check; candidate/base median %.3f (lowest %.3f, highest %.3f)", users, rounds, checks, median(baseNanos),
        median(candidateNanos), median(ratios), Arrays.stream(ratios).min().orElseThrow(), Arrays.stream(ratios).max().orElseThrow()));
  }

  private static IntToLongFunction loop(String classPath, int users) throws Exception {
    List<URL> urls = new ArrayList<>();
    for (String entry : classPath.split(File.pathSeparator)) {
      urls.add(url(entry));
    }
    ClassLoader loader = new URLClassLoader(urls.toArray(URL[]::new), ClassLoader.getPlatformClassLoader());
    return (IntToLongFunction) loader.loadClass("org.licensekit.benchmarks.WarmCheckLoop").getConstructor(int.class).newInstance(users);
  }

  private static URL url(String entry) throws MalformedURLException {
    return new File(entry).toURI().toURL();
  }

  private static double median(double[] values) {
    double[] sorted = values.clone();
    Arrays.sort(sorted);
    int n = sorted.length;
    return n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2;
  }
}
