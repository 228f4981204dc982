package org.licensekit.core.spi;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * What the store keeps for one idempotency key: the request it was first used for and, once that
 * request finished, its result in LicenseKit's own text encoding (opaque to the store; store it as
 * text of any length).
 *
 * @param key the key the host chose, 1 to 200 characters
 * @param fingerprint a canonical text of the request, to refuse a key reused for another request
 * @param reservedAt when the first run started
 * @param result the encoded result; empty while the first run is still going
 */
public record IdempotencyRecord(String key, String fingerprint, Instant reservedAt, Optional<String> result) {

  public IdempotencyRecord {
    Objects.requireNonNull(key, "key");
    Objects.requireNonNull(fingerprint, "fingerprint");
    Objects.requireNonNull(reservedAt, "reservedAt");
    Objects.requireNonNull(result, "result");
  }

  /** Whether the first run finished and its result is stored. */
  public boolean completed() {
    return result.isPresent();
  }
}
