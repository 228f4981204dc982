package org.licensekit.testkit.rules;

import java.util.List;
import java.util.Optional;

/**
 * One kind of command the fault suite cuts connections under: what it prepares (with no fault
 * armed), the command itself, how to tell whether it committed, how a caller would finish the job
 * after a failure, and what must hold afterwards.
 */
interface FaultScenario {

  String name();

  /** Prepares fresh records for fault {@code label} and returns the command to run on them. */
  Run prepare(String label);

  /** One command on prepared records. */
  interface Run {

    /** The command, run while the cut is armed; its value is what the caller got. */
    Object act();

    /**
     * Whether the command's change is in the database now; empty when the command is several
     * transactions (a best-effort run, a relay), so that part of it may have committed.
     */
    Optional<Boolean> committed();

    /** What a caller does next: retries the command (the same request), or runs the job again. */
    void settle(Optional<Object> first);

    /** What must hold once settled and the outbox relayed, in words; empty when all holds. */
    List<String> check(Optional<Object> first);
  }
}
