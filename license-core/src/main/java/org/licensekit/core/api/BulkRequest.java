package org.licensekit.core.api;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.licensekit.core.FieldError;
import org.licensekit.core.InvalidInputException;
import org.licensekit.core.domain.InputBounds;

/**
 * A bulk action on the users a filter selects. Validated when built.
 *
 * <pre>{@code
 * BulkRequest request = BulkRequest.where(UserFilter.builder().organization(NORTH).build())
 *     .action(BulkAction.grantRoles(NORTH, Set.of(OBSERVER)))
 *     .mode(BulkMode.ALL_OR_NOTHING)
 *     .reason("new observers for the spring term")
 *     .idempotencyKey("spring-observers-2027")
 *     .build();
 * }</pre>
 *
 * @param filter which users
 * @param action what to do to each
 * @param mode all-or-nothing or best-effort
 * @param reason why, recorded in the audit trail of every change
 * @param idempotencyKey when present, a replay of the request with the same key returns the first
 *     result and changes nothing; the same key with another request is refused
 * @param chunkSize users per page and (best-effort) per transaction; bounds the memory a run needs
 * @param sampleLimit the most outcomes the result keeps (refusals first); the listener sees them all
 */
public record BulkRequest(
    UserFilter filter,
    BulkAction action,
    BulkMode mode,
    String reason,
    Optional<String> idempotencyKey,
    int chunkSize,
    int sampleLimit) {

  public static final int DEFAULT_CHUNK_SIZE = 500;
  public static final int DEFAULT_SAMPLE_LIMIT = 1_000;
  public static final int MAX_CHUNK_SIZE = 10_000;
  public static final int MAX_SAMPLE_LIMIT = 100_000;

  public BulkRequest {
    Objects.requireNonNull(filter, "filter");
    Objects.requireNonNull(action, "action");
    Objects.requireNonNull(mode, "mode");
    Objects.requireNonNull(idempotencyKey, "idempotencyKey");
    List<FieldError> errors = new ArrayList<>();
    if (reason == null || reason.isBlank()) {
      errors.add(new FieldError("reason", "must not be blank"));
    } else if (reason.length() > 500) {
      errors.add(new FieldError("reason", "size must be between 1 and 500"));
    } else if (!InputBounds.storable(reason)) {
      errors.add(new FieldError("reason", InputBounds.STORABLE_TEXT_PROBLEM));
    }
    idempotencyKey.filter(key -> key.isBlank() || key.length() > 200)
        .ifPresent(key -> errors.add(new FieldError("idempotencyKey", "must be 1 to 200 characters, not blank")));
    if (chunkSize < 1 || chunkSize > MAX_CHUNK_SIZE) {
      errors.add(new FieldError("chunkSize", "must be between 1 and " + MAX_CHUNK_SIZE));
    }
    if (sampleLimit < 0 || sampleLimit > MAX_SAMPLE_LIMIT) {
      errors.add(new FieldError("sampleLimit", "must be between 0 and " + MAX_SAMPLE_LIMIT));
    }
    if (!errors.isEmpty()) {
      throw new InvalidInputException(errors);
    }
  }

  /** Starts a request on the users {@code filter} selects. */
  public static Builder where(UserFilter filter) {
    return new Builder(filter);
  }

  /**
   * A canonical text of what the request asks, stored with its idempotency key so the key cannot
   * be reused for a different request: {@code <action>|<mode>|<filter>|<reason>}, with the
   * action's {@link BulkAction#canonical()}, the mode's name, the filter's
   * {@link UserFilter#canonical()} (versioned: a filter setting no newer criterion keeps its text)
   * and the reason as given. How a run is carried out ({@code chunkSize}, {@code sampleLimit}) is
   * no part of it.
   *
   * @return the fingerprint
   */
  public String fingerprint() {
    return action.canonical() + "|" + mode.name() + "|" + filter.canonical() + "|" + reason;
  }

  /** Builds a {@link BulkRequest}; {@link #build()} validates. */
  public static final class Builder {
    private final UserFilter filter;
    private BulkAction action;
    private BulkMode mode = BulkMode.BEST_EFFORT;
    private String reason;
    private Optional<String> idempotencyKey = Optional.empty();
    private int chunkSize = DEFAULT_CHUNK_SIZE;
    private int sampleLimit = DEFAULT_SAMPLE_LIMIT;

    private Builder(UserFilter filter) {
      this.filter = Objects.requireNonNull(filter, "filter");
    }

    public Builder action(BulkAction value) {
      action = value;
      return this;
    }

    public Builder mode(BulkMode value) {
      mode = value;
      return this;
    }

    public Builder reason(String value) {
      reason = value;
      return this;
    }

    public Builder idempotencyKey(String value) {
      idempotencyKey = Optional.of(Objects.requireNonNull(value, "idempotencyKey"));
      return this;
    }

    public Builder chunkSize(int value) {
      chunkSize = value;
      return this;
    }

    public Builder sampleLimit(int value) {
      sampleLimit = value;
      return this;
    }

    public BulkRequest build() {
      if (action == null) {
        throw InvalidInputException.of("action", "must be set");
      }
      return new BulkRequest(filter, action, mode, reason, idempotencyKey, chunkSize, sampleLimit);
    }
  }
}
