package org.licensekit.testkit.rules;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.TreeMap;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.licensekit.core.ConflictException;
import org.licensekit.core.InvalidInputException;
import org.licensekit.core.LicensingException;
import org.licensekit.core.NotFoundException;
import org.licensekit.testkit.LicensingTestSupport;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Seeded random command sequences through the public API never break DESIGN.md's rules 1–3 and 8:
 * after every command, for every pool {@code live claims == seats in use <= seats}, at most one live claim
 * per user × product, every observed claim status change is a legal transition (and stamped),
 * archived users hold no live claims, and no seat of a pool scoped to an organization is held by
 * someone outside it (the sequences remove users from organizations one by one and in bulk). At the end of a sequence every claim's transitions are in the
 * audit trail.
 *
 * <p>Commands the rules refuse ({@link ConflictException}, {@link NotFoundException},
 * {@link InvalidInputException}, refusals as result values) are part of the game; any other
 * exception fails the run. A failure names the seed, the sequence and the command index: rerun with
 * {@code -Dlicensekit.seed=<seed>} to replay it. Sizes: {@code -Dlicensekit.property.runs}
 * (sequences, default 20) and {@code -Dlicensekit.property.commands} (per sequence, default 200).
 */
public abstract class InvariantPropertySuite extends LicensingTestSupport {

  private static final Logger LOG = LoggerFactory.getLogger(InvariantPropertySuite.class);
  private static final int RECENT = 20;

  static Stream<Arguments> sequences() {
    long seed = SuiteSettings.seed();
    return IntStream.range(0, SuiteSettings.size(SuiteSettings.RUNS, 20)).mapToObj(index -> Arguments.of(index, seed));
  }

  @ParameterizedTest(name = "sequence {0} of seed {1}")
  @MethodSource("sequences")
  void randomCommandSequencesKeepSeatsOneLiveClaimLegalTransitionsAndArchivedUsersSeatless(int index, long seed) {
    long sequenceSeed = SuiteSettings.sequenceSeed(seed, index);
    LOG.info("property sequence {} of seed {} (replay with -D{}={})", index, seed, SuiteSettings.SEED, seed);
    PropertyWorld.install(admin);
    CommandGenerator generator = new CommandGenerator(new SplittableRandom(sequenceSeed), clock);
    InvariantChecker checker = new InvariantChecker(admin, PropertyWorld.USERS);
    Deque<String> recent = new ArrayDeque<>();
    Map<String, Integer> outcomes = new TreeMap<>();
    int commands = SuiteSettings.size(SuiteSettings.COMMANDS, 200);
    List<Command> prologue = generator.prologue();
    for (int step = 0; step < commands; step++) {
      Command command = step < prologue.size() ? prologue.get(step) : generator.next();
      String outcome = run(command, step, recent, seed, index);
      outcomes.merge(outcome.startsWith("refused") ? outcome : "done", 1, Integer::sum);
      remember(recent, "#" + step + " " + command + " -> " + outcome);
      List<String> broken = new java.util.ArrayList<>(checker.check());
      broken.addAll(checker.checkSeatsInScope());
      if (!broken.isEmpty()) {
        fail(report("broke a rule", step, command, seed, index, recent, String.join("\n  ", broken)));
      }
    }
    List<String> unaudited = checker.checkAudited();
    if (!unaudited.isEmpty()) {
      fail(report("left unaudited transitions", commands - 1, null, seed, index, recent, String.join("\n  ", unaudited)));
    }
    LOG.debug("sequence {}: claims seen {}, outcomes {}", index, checker.lastStatuses(), outcomes);
    if (commands >= 100) {
      assertThat(checker.claimsSeen()).as("a sequence of %d commands should make claims (outcomes %s)", commands, outcomes)
          .isPositive();
    }
  }

  private String run(Command command, int step, Deque<String> recent, long seed, int index) {
    try {
      command.action().run(tenant);
      return "ok";
    } catch (ConflictException | NotFoundException | InvalidInputException refused) {
      return "refused " + ((LicensingException) refused).code();
    } catch (Exception | AssertionError unexpected) {
      throw new AssertionError(report("threw " + unexpected, step, command, seed, index, recent, "see the cause"), unexpected);
    }
  }

  private static void remember(Deque<String> recent, String line) {
    recent.addLast(line);
    if (recent.size() > RECENT) {
      recent.removeFirst();
    }
  }

  private static String report(String what, int step, Command command, long seed, int index, Deque<String> recent, String details) {
    return "Command #" + step + " of sequence " + index + (command == null ? "" : " (" + command + ")") + " " + what + ":\n  "
        + details
        + "\nReplay: -D" + SuiteSettings.SEED + "=" + seed + " (sequence " + index + ", command " + step + ")"
        + "\nLast commands:\n  " + String.join("\n  ", recent);
  }
}
