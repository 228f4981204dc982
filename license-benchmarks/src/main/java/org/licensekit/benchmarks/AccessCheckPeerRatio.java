package org.licensekit.benchmarks;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.infra.BenchmarkParams;
import org.openjdk.jmh.results.BenchmarkResult;
import org.openjdk.jmh.results.IterationResult;
import org.openjdk.jmh.results.Result;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.RunnerException;
import org.openjdk.jmh.runner.format.OutputFormat;
import org.openjdk.jmh.runner.format.OutputFormatFactory;
import org.openjdk.jmh.runner.options.ChainedOptionsBuilder;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.openjdk.jmh.runner.options.TimeValue;
import org.openjdk.jmh.runner.options.VerboseMode;
import org.openjdk.jmh.util.ListStatistics;
import org.openjdk.jmh.util.Statistics;

/**
 * {@link AccessCheckPeerBenchmark} run the same way for every checker so that the ratio to the peer
 * can be reproduced: several forks per checker (a fork's heap layout and compilation differ from
 * the next one's, so one fork's figure is one sample, not the figure), a full collection before
 * every iteration for every checker ({@code -gc true}: LicenseKit's warm check allocates nothing,
 * so without it no collection runs while it is measured and its kept decisions stay wherever the
 * setup's garbage left them, while jCasbin's allocating checks collect and compact all the time),
 * the same users, product, staleness ({@code PT1H}: every LicenseKit check warm) and iteration
 * times. Then it prints, per checker, checks per microsecond and the benchmark thread's CPU
 * nanoseconds per check with their 99.9% confidence intervals (over every measured iteration of
 * every fork, as JMH computes its own), the sampling mode's p50 / p99 / p99.9, and LicenseKit's
 * ratio to each jCasbin checker: throughput and CPU per check, with the error of the ratio from the
 * two relative errors added in quadrature.
 *
 * <p>Arguments, all optional, as {@code name=value}: {@code forks} (3), {@code warmups} (3 of 2 s each:
 * with one, jCasbin's first measured iteration was still up to twice as slow as its later ones),
 * {@code iterations} (3), {@code seconds} (per iteration, 3), {@code users} (10000),
 * {@code sample} ({@code true}: also run the sampling mode for the percentiles). The whole run at
 * the defaults takes about seven minutes on two cores. The command:
 *
 * <pre>{@code
 * mvn -B -q -pl license-benchmarks -am -DskipTests package exec:exec \
 *     -Djmh.main=org.licensekit.benchmarks.AccessCheckPeerRatio -Djmh.args="forks=3"
 * }</pre>
 */
public final class AccessCheckPeerRatio {

  private static final String LICENSEKIT = "licensekit";
  private static final List<String> PEERS = List.of("jcasbin", "jcasbin-cached");

  private AccessCheckPeerRatio() {
  }

  /**
   * Runs the comparison and prints its summary.
   *
   * @param args {@code name=value} settings, see the class description
   * @throws RunnerException when JMH fails to run the benchmark
   * @throws IllegalArgumentException when an argument is not {@code name=value} of a known name
   */
  public static void main(String[] args) throws RunnerException {
    Map<String, String> settings = settings(args);
    // The summary is this program's result, printed where JMH prints its own.
    OutputFormat out = OutputFormatFactory.createFormatInstance(System.out, VerboseMode.NORMAL);
    Map<String, Figures> figures = new LinkedHashMap<>();
    for (RunResult run : new Runner(options(settings, Mode.Throughput).build(), out).run()) {
      figures.computeIfAbsent(checker(run.getParams()), c -> new Figures()).throughput(run);
    }
    if (Boolean.parseBoolean(settings.get("sample"))) {
      for (RunResult run : new Runner(options(settings, Mode.SampleTime).build(), out).run()) {
        figures.computeIfAbsent(checker(run.getParams()), c -> new Figures()).sampled(run);
      }
    }
    out.println("");
    out.println("Access check peer ratio: " + settings.get("users") + " users, " + settings.get("forks") + " forks, "
        + settings.get("iterations") + " x " + settings.get("seconds") + " s measured per fork, a full collection before each iteration");
    out.println(String.format(Locale.ROOT, "%-16s %22s %22s %8s %8s %8s", "checker", "checks/us", "CPU ns/check",
        "p50 us", "p99 us", "p99.9 us"));
    figures.forEach((checker, f) -> out.println(String.format(Locale.ROOT, "%-16s %22s %22s %8s %8s %8s", checker,
        f.checksPerMicro.format(3), f.cpuNanos.format(1), f.percentile(50), f.percentile(99), f.percentile(99.9))));
    Figures ours = figures.get(LICENSEKIT);
    for (String peer : PEERS) {
      Figures theirs = figures.get(peer);
      if (ours != null && theirs != null) {
        out.println(String.format(Locale.ROOT, "LicenseKit's throughput / %s's: %s x; %s's CPU per check / LicenseKit's: %s x",
            peer, ours.checksPerMicro.over(theirs.checksPerMicro).format(1), peer, theirs.cpuNanos.over(ours.cpuNanos).format(1)));
      }
    }
    out.flush();
  }

  private static ChainedOptionsBuilder options(Map<String, String> settings, Mode mode) {
    int seconds = Integer.parseInt(settings.get("seconds"));
    return new OptionsBuilder()
        .include(AccessCheckPeerBenchmark.class.getName() + ".check$")
        .mode(mode)
        .timeUnit(TimeUnit.MICROSECONDS)
        .param("checker", LICENSEKIT, PEERS.get(0), PEERS.get(1))
        .param("staleness", "PT1H")
        .param("users", settings.get("users"))
        .forks(Integer.parseInt(settings.get("forks")))
        .warmupIterations(Integer.parseInt(settings.get("warmups")))
        .warmupTime(TimeValue.seconds(2))
        .measurementIterations(Integer.parseInt(settings.get("iterations")))
        .measurementTime(TimeValue.seconds(seconds))
        .shouldDoGC(true);
  }

  /**
   * The settings, defaults overridden by {@code args}.
   *
   * @throws IllegalArgumentException naming the argument, when one is not {@code name=value} of a
   *     known name, or a count is not a positive whole number, or {@code sample} not true or false
   */
  static Map<String, String> settings(String[] args) {
    Map<String, String> settings = new LinkedHashMap<>(Map.of("forks", "3", "warmups", "3", "iterations", "3",
        "seconds", "3", "users", "10000", "sample", "true"));
    for (String arg : args) {
      int equals = arg.indexOf('=');
      if (equals <= 0 || !settings.containsKey(arg.substring(0, equals))) {
        throw new IllegalArgumentException("argument '" + arg + "': expected name=value, name one of " + settings.keySet());
      }
      String name = arg.substring(0, equals);
      String value = arg.substring(equals + 1);
      if (name.equals("sample") ? !value.matches("true|false") : !value.matches("[1-9][0-9]{0,8}")) {
        throw new IllegalArgumentException("argument '" + name + "': expected "
            + (name.equals("sample") ? "true or false" : "a positive whole number") + ", got '" + value + "'");
      }
      settings.put(name, value);
    }
    return settings;
  }

  private static String checker(BenchmarkParams params) {
    return params.getParam("checker");
  }

  /** One checker's figures, from every measured iteration of every fork. */
  private static final class Figures {
    private Estimate checksPerMicro = Estimate.NONE;
    private Estimate cpuNanos = Estimate.NONE;
    private Statistics sampled;

    void throughput(RunResult run) {
      ListStatistics rates = new ListStatistics();
      ListStatistics cpu = new ListStatistics();
      for (IterationResult iteration : iterations(run.getBenchmarkResults())) {
        rates.addValue(iteration.getPrimaryResult().getScore());
        Result<?> perCheck = iteration.getSecondaryResults().get("cpuNanosPerCheck");
        if (perCheck != null) {
          cpu.addValue(perCheck.getScore());
        }
      }
      checksPerMicro = Estimate.of(rates);
      cpuNanos = Estimate.of(cpu);
    }

    void sampled(RunResult run) {
      sampled = run.getPrimaryResult().getStatistics();
    }

    String percentile(double rank) {
      return sampled == null ? "-" : String.format(Locale.ROOT, "%.2f", sampled.getPercentile(rank));
    }

    private static List<IterationResult> iterations(Collection<BenchmarkResult> forks) {
      List<IterationResult> all = new ArrayList<>();
      forks.forEach(fork -> all.addAll(fork.getIterationResults()));
      return all;
    }
  }

  /** A mean and the half-width of its 99.9% confidence interval. */
  record Estimate(double mean, double error) {
    static final Estimate NONE = new Estimate(Double.NaN, Double.NaN);

    static Estimate of(ListStatistics samples) {
      return samples.getN() == 0 ? NONE
          : new Estimate(samples.getMean(), samples.getN() > 1 ? samples.getMeanErrorAt(0.999) : Double.NaN);
    }

    /** This over {@code other}, its error from the two relative errors in quadrature (first order). */
    Estimate over(Estimate other) {
      double ratio = mean / other.mean;
      return new Estimate(ratio, ratio * Math.hypot(error / mean, other.error / other.mean));
    }

    String format(int decimals) {
      return String.format(Locale.ROOT, "%." + decimals + "f ± %." + decimals + "f", mean, error);
    }
  }
}
