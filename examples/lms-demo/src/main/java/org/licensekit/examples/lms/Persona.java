package org.licensekit.examples.lms;

import java.util.List;
import java.util.Optional;
import org.licensekit.core.domain.Actor;
import org.licensekit.core.domain.UserId;

/**
 * A demo user the visitor can act as, to see the role rules and the license guard at work.
 *
 * @param key the value the "act as" switch posts
 * @param name the person's name
 * @param title what they do, shown beside the name
 * @param actor who LicenseKit sees
 */
public record Persona(String key, String name, String title, Actor actor) {

  /** The district administrator: may do everything. */
  public static final Persona ADMIN = new Persona("admin", "Dana Whitfield", "District administrator",
      Actor.systemAdministrator("dana.whitfield"));
  /** A reporter: may read every report, may change nothing. */
  public static final Persona REPORTER = new Persona("reporter", "Riley Chen", "Data analyst (reporter)",
      Actor.reporter("riley.chen"));
  /** A teacher holding an active Classroom Observation license. */
  public static final Persona TEACHER = new Persona("teacher", "Ana Lopez", "Teacher, Riverside High (licensed)",
      Actor.user(DemoUsers.ANA));
  /** A teacher whose Classroom Observation license is still pending. */
  public static final Persona NEW_TEACHER = new Persona("new-teacher", "Ben Okafor", "Teacher, Oak Elementary (license pending)",
      Actor.user(DemoUsers.BEN));

  /** Every persona, in the switch's order. */
  public static List<Persona> all() {
    return List.of(ADMIN, REPORTER, TEACHER, NEW_TEACHER);
  }

  /** The persona with {@code key}, if any. */
  public static Optional<Persona> byKey(String key) {
    return all().stream().filter(p -> p.key().equals(key)).findFirst();
  }

  /** The LMS user behind this persona, for personas that are licensed users. */
  public Optional<UserId> user() {
    return actor.userId();
  }

  /** Whether this persona may change data (only the administrator may). */
  public boolean administrator() {
    return this.equals(ADMIN);
  }
}
