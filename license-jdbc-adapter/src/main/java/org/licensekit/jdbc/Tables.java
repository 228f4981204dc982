package org.licensekit.jdbc;

import java.util.Optional;
import java.util.regex.Pattern;
import org.licensekit.core.InvalidInputException;

/**
 * The qualified names of LicenseKit's tables. The prefix and the schema are the only text ever
 * spliced into SQL, so both are validated as plain identifiers first.
 */
final class Tables {

  private static final Pattern IDENTIFIER = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");

  private final String prefix;
  private final Optional<String> schema;

  Tables(String prefix, Optional<String> schema) {
    this.prefix = checkPrefix(prefix);
    this.schema = schema.map(Tables::checkSchema);
  }

  static String checkPrefix(String prefix) {
    return check("tablePrefix", prefix, 1, 30);
  }

  static String checkSchema(String schema) {
    return check("schema", schema, 1, 63);
  }

  private static String check(String field, String value, int min, int max) {
    if (value == null) {
      throw InvalidInputException.of(field, "must not be null");
    }
    if (value.length() < min || value.length() > max || !IDENTIFIER.matcher(value).matches()) {
      throw InvalidInputException.of(
          field, "must be " + min + " to " + max + " letters, digits or underscores, not starting with a digit");
    }
    return value;
  }

  String prefix() {
    return prefix;
  }

  Optional<String> schema() {
    return schema;
  }

  /** The name to use in SQL for LicenseKit's table {@code name}, such as {@code licensing.lk_claims}. */
  String table(String name) {
    return schema.map(s -> s + ".").orElse("") + prefix + name;
  }

  String products() {
    return table("products");
  }

  String productPrerequisites() {
    return table("product_prerequisites");
  }

  String roles() {
    return table("roles");
  }

  String roleGrants() {
    return table("role_grants");
  }

  String jobProfiles() {
    return table("job_profiles");
  }

  String jobProfileRoles() {
    return table("job_profile_roles");
  }

  String organizations() {
    return table("organizations");
  }

  String users() {
    return table("users");
  }

  String memberships() {
    return table("memberships");
  }

  String membershipRoles() {
    return table("membership_roles");
  }

  String pools() {
    return table("pools");
  }

  String claims() {
    return table("claims");
  }

  String trainingRecords() {
    return table("training_records");
  }

  String trainingAssignments() {
    return table("training_assignments");
  }

  String waitlist() {
    return table("waitlist");
  }

  String auditEntries() {
    return table("audit_entries");
  }

  String auditChainHeads() {
    return table("audit_chain_heads");
  }

  /** A set-based append's summary (PostgreSQL, schema version 30). */
  String auditBatches() {
    return table("audit_batches");
  }

  String tenantSettings() {
    return table("tenant_settings");
  }

  String idempotencyKeys() {
    return table("idempotency_keys");
  }

  String notificationLog() {
    return table("notification_log");
  }

  String outbox() {
    return table("outbox");
  }

  String usageDays() {
    return table("usage_days");
  }
}
