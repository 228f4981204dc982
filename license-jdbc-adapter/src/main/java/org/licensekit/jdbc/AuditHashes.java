package org.licensekit.jdbc;

import java.nio.charset.StandardCharsets;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.HexFormat;
import java.util.Optional;

/**
 * An audit entry's hashes and salt as the tables store them (schema version 31): their bytes,
 * where the core names them by their lower-case hex digits ({@link org.licensekit.core.policy.AuditChain}
 * hashes those digits). Writing takes the digits' bytes, reading gives the bytes' digits, so a value
 * reads back exactly as it was written; a stored value that is not 32 bytes (an edit outside
 * LicenseKit, kept as its text's bytes by the migration) reads as digits that are no hash, and
 * verifies as no hash would.
 */
final class AuditHashes {

  private static final HexFormat HEX = HexFormat.of();

  private AuditHashes() {}

  /**
   * The value as the column stores it: the bytes of lower-case hex digits (64 for every hash and
   * salt LicenseKit makes; any even number reads back as itself); any other text, which only an edit
   * outside LicenseKit puts in a chain head, as the UTF-8 bytes of the text padded to 64 characters
   * with spaces, as schema version 31 converted such a value, so the entry it became the previous
   * hash of fails its link as it did before.
   */
  static byte[] bytes(String hex) {
    if (lowerCaseHex(hex)) {
      return HEX.parseHex(hex);
    }
    String padded = hex.length() < 64 ? hex + " ".repeat(64 - hex.length()) : hex;
    return padded.getBytes(StandardCharsets.UTF_8);
  }

  private static boolean lowerCaseHex(String text) {
    if (text.length() % 2 != 0) {
      return false;
    }
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (!(c >= '0' && c <= '9' || c >= 'a' && c <= 'f')) {
        return false;
      }
    }
    return true;
  }

  /** {@link #bytes(String)} of a value that may be absent (a salt an erasure dropped): empty stays empty. */
  static Optional<byte[]> bytes(Optional<String> hex) {
    return hex.map(AuditHashes::bytes);
  }

  /** The column's value as lower-case hex digits; empty when it is NULL. */
  static Optional<String> hex(ResultSet row, String column) throws SQLException {
    byte[] bytes = row.getBytes(column);
    return bytes == null ? Optional.empty() : Optional.of(HEX.formatHex(bytes));
  }
}
