package org.licensekit.core.api;

import java.util.Objects;
import java.util.Optional;
import java.util.function.Supplier;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;
import org.licensekit.core.InvalidInputException;

/**
 * Bulk onboarding: the guide's new-user setup ({@link Directory#register(NewUser)}) for many users in
 * one call — a district's start-of-year import. Each user is checked, registered, given the job
 * profile's roles in their organizations, assigned the products those roles grant (pending claims,
 * or a place in the product's waitlist when every serving pool is full) and invited, exactly as the
 * single registration does; the run goes in chunks like every bulk action (mode, dry run,
 * idempotency key, progress, per-user outcomes). Validated when built.
 *
 * <p>The users are read from their source twice: once to count them and compute the request's
 * fingerprint (what its idempotency key is bound to), once to register them. An {@link Iterable}
 * (a list, a file reader) must therefore give the same users each time it is iterated; a stream
 * comes from a {@link Supplier} called once per reading.
 *
 * <pre>{@code
 * BulkResult result = admin.bulk().register(BulkRegistration.of(newUsers)
 *     .mode(BulkMode.BEST_EFFORT)
 *     .idempotencyKey("start-of-year-2027")
 *     .build(), listener);
 * }</pre>
 */
public final class BulkRegistration {

  /** The reason recorded in the run's summary when none is given. */
  public static final String DEFAULT_REASON = "bulk new-user setup";

  private final Supplier<Stream<NewUser>> users;
  private final BulkMode mode;
  private final String reason;
  private final Optional<String> idempotencyKey;
  private final int chunkSize;
  private final int sampleLimit;

  private BulkRegistration(Builder builder) {
    this.users = builder.users;
    this.mode = Objects.requireNonNull(builder.mode, "mode");
    this.reason = builder.reason;
    this.idempotencyKey = builder.idempotencyKey;
    this.chunkSize = builder.chunkSize;
    this.sampleLimit = builder.sampleLimit;
    Objects.requireNonNull(idempotencyKey, "idempotencyKey");
    BulkRequest.checkRunSettings(reason, idempotencyKey, chunkSize, sampleLimit);
  }

  /**
   * Starts a registration of the users {@code users} gives, in its order.
   *
   * @throws NullPointerException when {@code users} is null
   */
  public static Builder of(Iterable<NewUser> users) {
    Objects.requireNonNull(users, "users");
    return new Builder(() -> StreamSupport.stream(users.spliterator(), false));
  }

  /**
   * Starts a registration of the users each stream {@code users} supplies (called once per reading,
   * each call giving the same users in the same order).
   *
   * @throws NullPointerException when {@code users} is null
   */
  public static Builder ofStreams(Supplier<Stream<NewUser>> users) {
    return new Builder(Objects.requireNonNull(users, "users"));
  }

  /** A new stream of the users, in order. */
  public Stream<NewUser> users() {
    return Objects.requireNonNull(users.get(), "the users' supplier gave no stream");
  }

  /** All or nothing (one transaction; any refused user and nothing is written), or best effort. */
  public BulkMode mode() {
    return mode;
  }

  /** Why, recorded in the run's summary audit entry. */
  public String reason() {
    return reason;
  }

  /** When present, a replay with the same key returns the first result and registers nobody. */
  public Optional<String> idempotencyKey() {
    return idempotencyKey;
  }

  /** Users per chunk: per batch of writes and (best effort) per transaction. */
  public int chunkSize() {
    return chunkSize;
  }

  /** The most outcomes the result keeps (refusals first); a listener sees them all. */
  public int sampleLimit() {
    return sampleLimit;
  }

  /** Builds a {@link BulkRegistration}; {@link #build()} validates. */
  public static final class Builder {
    private final Supplier<Stream<NewUser>> users;
    private BulkMode mode = BulkMode.BEST_EFFORT;
    private String reason = DEFAULT_REASON;
    private Optional<String> idempotencyKey = Optional.empty();
    private int chunkSize = BulkRequest.DEFAULT_CHUNK_SIZE;
    private int sampleLimit = BulkRequest.DEFAULT_SAMPLE_LIMIT;

    private Builder(Supplier<Stream<NewUser>> users) {
      this.users = users;
    }

    /** Best effort (the default) or all or nothing. */
    public Builder mode(BulkMode value) {
      mode = value;
      return this;
    }

    /** Why, for the run's summary (default {@value BulkRegistration#DEFAULT_REASON}). */
    public Builder reason(String value) {
      reason = value;
      return this;
    }

    /**
     * The key a replay is recognized by.
     *
     * @throws NullPointerException when {@code value} is null
     */
    public Builder idempotencyKey(String value) {
      idempotencyKey = Optional.of(Objects.requireNonNull(value, "idempotencyKey"));
      return this;
    }

    /** Users per chunk, 1 to 10,000 (default 500). */
    public Builder chunkSize(int value) {
      chunkSize = value;
      return this;
    }

    /** The most outcomes the result keeps, 0 to 100,000 (default 1,000). */
    public Builder sampleLimit(int value) {
      sampleLimit = value;
      return this;
    }

    /**
     * The request.
     *
     * @throws InvalidInputException naming each bad field
     */
    public BulkRegistration build() {
      return new BulkRegistration(this);
    }
  }
}
