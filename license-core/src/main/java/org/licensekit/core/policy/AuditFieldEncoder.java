package org.licensekit.core.policy;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Arrays;

/**
 * A reusable buffer that writes the audit chain's encoding fields as {@link AuditChain} documents
 * them ({@code "|" N ":" value}, {@code "|-"} when absent), without a stream, a length's string or
 * a copy per field: one serves every entry an {@link AuditChain#prepare} call encodes (a bulk
 * chunk's thousands), where a stream and a string per field made most of the chain's allocations.
 */
final class AuditFieldEncoder {
  private static final byte[] HEX_DIGITS = "0123456789abcdef".getBytes(StandardCharsets.US_ASCII);
  private byte[] bytes;
  private int size;

  AuditFieldEncoder(int capacity) {
    bytes = new byte[capacity];
  }

  void reset() {
    size = 0;
  }

  private void room(int more) {
    if (size + more > bytes.length) {
      bytes = Arrays.copyOf(bytes, Math.max(bytes.length * 2, size + more));
    }
  }

  void raw(byte[] value) {
    room(value.length);
    System.arraycopy(value, 0, bytes, size, value.length);
    size += value.length;
  }

  /** Digits of a number that is not negative, in decimal. */
  private void decimal(long value) {
    room(20);
    if (value == 0) {
      bytes[size++] = '0';
      return;
    }
    int digits = 0;
    for (long rest = value; rest > 0; rest /= 10) {
      digits++;
    }
    long rest = value;
    for (int at = size + digits - 1; at >= size; at--) {
      bytes[at] = (byte) ('0' + rest % 10);
      rest /= 10;
    }
    size += digits;
  }

  void absent() {
    room(2);
    bytes[size++] = '|';
    bytes[size++] = '-';
  }

  void field(byte[] value) {
    room(1);
    bytes[size++] = '|';
    decimal(value.length);
    room(1 + value.length);
    bytes[size++] = ':';
    raw(value);
  }

  void field(String value) {
    field(value.getBytes(StandardCharsets.UTF_8));
  }

  /** A number's field: its decimal digits as the value (positions and counters are never negative). */
  void field(long value) {
    field(Long.toString(value).getBytes(StandardCharsets.US_ASCII));
  }

  /** A 32-byte digest's field: {@code "|64:"} and its lower-case hex. */
  void hexField(byte[] digest) {
    room(4 + digest.length * 2);
    bytes[size++] = '|';
    decimal(digest.length * 2L);
    bytes[size++] = ':';
    for (byte b : digest) {
      bytes[size++] = HEX_DIGITS[(b >> 4) & 0xf];
      bytes[size++] = HEX_DIGITS[b & 0xf];
    }
  }

  void update(MessageDigest digest) {
    digest.update(bytes, 0, size);
  }

  byte[] sha256(MessageDigest digest) {
    update(digest);
    return digest.digest();
  }

  byte[] toByteArray() {
    return Arrays.copyOf(bytes, size);
  }
}
