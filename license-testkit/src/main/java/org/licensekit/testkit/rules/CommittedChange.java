package org.licensekit.testkit.rules;

import java.util.Objects;

/**
 * What one command of a torture run committed to a user's account or memberships, as the process that
 * ran it writes it down: the oracle of a multi-process run compares these records with the
 * database's final state and audit trail (no lost role, no lost status). Fields a kind does not use
 * are empty strings, so a record is one tab-separated line ({@link #toLine()}, {@link #parse}).
 *
 * @param tenant the tenant's id
 * @param kind what was committed
 * @param user the user's id
 * @param organization the organization of a role change; empty otherwise
 * @param role the role granted or revoked; empty otherwise
 * @param value the e-mail address an edit wrote; empty otherwise
 */
public record CommittedChange(String tenant, Kind kind, String user, String organization, String role, String value) {

  /** The kinds of change the oracle compares with the database. */
  public enum Kind {
    /** An account moved from invited to active. */
    ACTIVATE,
    /** An account suspended. */
    SUSPEND,
    /** A suspended account made active again. */
    REACTIVATE,
    /** An account archived. */
    ARCHIVE,
    /** A user offboarded (archived, seats and memberships released). */
    OFFBOARD,
    /** An account's e-mail address edited. */
    EDIT_EMAIL,
    /** A role granted in an organization. */
    GRANT_ROLE,
    /** A role revoked in an organization. */
    REVOKE_ROLE
  }

  /** Checks every field is present (empty strings for the unused ones). */
  public CommittedChange {
    Objects.requireNonNull(tenant, "tenant");
    Objects.requireNonNull(kind, "kind");
    Objects.requireNonNull(user, "user");
    Objects.requireNonNull(organization, "organization");
    Objects.requireNonNull(role, "role");
    Objects.requireNonNull(value, "value");
  }

  /** A change of the user's account, in no tenant yet ({@link #in}). */
  static CommittedChange of(Kind kind, String user) {
    return new CommittedChange("", kind, user, "", "", "");
  }

  /** The same change, committed in {@code tenantId}. */
  public CommittedChange in(String tenantId) {
    return new CommittedChange(tenantId, kind, user, organization, role, value);
  }

  /** One tab-separated line; none of the fields contains a tab or a line break. */
  public String toLine() {
    return String.join("\t", tenant, kind.name(), user, organization, role, value);
  }

  /**
   * Reads a line written by {@link #toLine()}.
   *
   * @param line the line
   * @return the change
   * @throws IllegalArgumentException when the line has not six fields or names an unknown kind
   */
  public static CommittedChange parse(String line) {
    String[] fields = line.split("\t", -1);
    if (fields.length != 6) {
      throw new IllegalArgumentException("Expected 6 tab-separated fields, got " + fields.length + ": " + line);
    }
    return new CommittedChange(fields[0], Kind.valueOf(fields[1]), fields[2], fields[3], fields[4], fields[5]);
  }
}
