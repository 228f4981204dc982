package org.licensekit.testkit.rules;

import java.util.Optional;

/**
 * Cuts a store's database connection at a chosen point of a command, for {@link FaultInjectionSuite}.
 * A store adapter's test implements it over its connections: the points of a command are, in order,
 * every statement it executes and every commit it makes, counted on the thread that armed the cut.
 *
 * <p>Where a cut falls:
 * <ul>
 *   <li>{@link Placement#BEFORE_STATEMENT}: the connection is cut, then the statement is sent;
 *   <li>{@link Placement#BEFORE_COMMIT}: the connection is cut, then the commit is sent (nothing commits);
 *   <li>{@link Placement#ACK_LOST}: the commit reaches the database, then the connection is cut and the
 *       caller's commit reports the lost connection (the command committed, the caller cannot know).
 * </ul>
 */
public interface ConnectionFaults {

  /** Where a cut falls relative to the point it is placed at. */
  enum Placement {
    BEFORE_STATEMENT,
    BEFORE_COMMIT,
    ACK_LOST
  }

  /** One cut that happened: the point's number (from 0), its placement and what was cut (a statement's first words). */
  record Cut(int point, Placement placement, String at) {
    @Override
    public String toString() {
      return placement + " #" + point + " (" + at + ")";
    }
  }

  /**
   * Starts counting points on the calling thread from zero; the cut falls at point {@code at} (a commit
   * counts as two points: before it and its acknowledgement), or nowhere when empty.
   */
  void arm(Optional<Integer> at);

  /** Stops counting; the cut that happened since {@link #arm}, if the command reached its point. */
  Optional<Cut> disarm();

  /** Points counted since {@link #arm}, so far. */
  int points();
}
