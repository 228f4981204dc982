package org.licensekit.testkit.rules;

import java.util.List;
import org.licensekit.core.ConflictException;
import org.licensekit.core.InvalidInputException;
import org.licensekit.core.LicensingException;
import org.licensekit.core.NotFoundException;
import org.licensekit.core.StoreException;
import org.licensekit.core.TenantLicensing;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs one command of a torture run and names its outcome: {@code done}, {@code refused <code>} for the
 * refusals that are part of the game ({@link ConflictException} — concurrency conflicts included —,
 * {@link NotFoundException}, {@link InvalidInputException}, and {@code STORE_RETRIES_EXHAUSTED} when
 * a command kept losing races), or {@code failed} for anything else, which is added to the failures.
 */
final class CommandRunner {

  static final String DONE = "done";
  static final String FAILED = "failed";

  private static final Logger LOG = LoggerFactory.getLogger(CommandRunner.class);

  private CommandRunner() {}

  static String run(Command command, TenantLicensing tenant, List<String> failures) {
    try {
      command.action().run(tenant);
      return DONE;
    } catch (ConflictException | NotFoundException | InvalidInputException refused) {
      return "refused " + ((LicensingException) refused).code();
    } catch (StoreException gaveUp) {
      if (!gaveUp.code().equals("STORE_RETRIES_EXHAUSTED")) {
        LOG.error("{} threw", command, gaveUp);
        failures.add(command + " threw " + gaveUp);
      }
      return "refused " + gaveUp.code();
    } catch (Exception | AssertionError unexpected) {
      LOG.error("{} threw", command, unexpected);
      failures.add(command + " threw " + unexpected);
      return FAILED;
    }
  }
}
