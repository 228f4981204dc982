package org.licensekit.core;

import java.util.Arrays;
import java.util.Optional;

/**
 * Every code LicenseKit answers with, in one place: the {@link LicensingException#code()} of what it
 * throws, and the codes of refusals it returns as values ({@code AssignmentResult}'s refusals, bulk
 * {@code UserOutcome}s). Each has its meaning and a hint for the person who can fix it. A host
 * looks a code up with {@link #find(String)}. Access denials have their own catalogue with hints,
 * {@link org.licensekit.core.api.DenialReason}.
 *
 * <p>Codes are stable: a released code keeps its name and meaning.
 */
public enum ErrorCode {

  // Misuse: thrown.

  /** {@link InvalidInputException}: bad input, refused before anything was written. */
  INVALID_INPUT(Kind.INVALID_INPUT, "The input was refused before anything was written; each field error names a bad field.",
      "Correct the named fields and send the request again."),
  /** {@link NotFoundException}: a command named a record this tenant does not have. */
  NOT_FOUND(Kind.NOT_FOUND, "A command named a record that does not exist in this tenant; the message names the field.",
      "Check the id, or create the record first."),
  /** {@link NotAuthorizedException}: the actor may not do this. */
  NOT_AUTHORIZED(Kind.NOT_AUTHORIZED, "The actor may not perform this operation.",
      "Act as an actor whose kind the operation allows: a system administrator for changes, a reporter for reports,"
          + " the user for their own claims."),

  // Conflicts with the state: thrown as ConflictException.

  /** A claim may not make this status change (only the guide's five transitions are legal). */
  ILLEGAL_TRANSITION(Kind.CONFLICT, "The claim's status does not allow this change.",
      "Read the claim again; a final claim (expired, revoked) is never changed, assign the product anew instead."),
  /** An account may not make this status change. */
  ILLEGAL_STATUS_CHANGE(Kind.CONFLICT, "The account's status does not allow this change (an archived account is final).",
      "Read the account again; register a new account for a person whose account was archived."),
  /** An archived user would be given a product. */
  USER_ARCHIVED(Kind.CONFLICT, "The user is archived and never holds seats.", "Register a new account if the person returns."),
  /** A person's data would be erased while their account is not archived (offboarded). */
  USER_NOT_ARCHIVED(Kind.CONFLICT, "Personal data is erased only from an archived account (one that was offboarded).",
      "Offboard or archive the user first; that ends their live claims, which erasure keeps as they are."),
  /** An audit entry an erasure would rewrite no longer matches its hash. */
  AUDIT_CHAIN_BROKEN(Kind.CONFLICT, "An audit entry the erasure would rewrite no longer matches its hash; rewriting it would hide that.",
      "Run audit().verify() and investigate the break before erasing."),
  /** A suspended user would be given a product while the tenant releases suspended users' seats. */
  USER_SUSPENDED(Kind.CONFLICT, "The user is suspended and this tenant releases suspended users' seats.",
      "Reactivate the user first, or let suspended users keep seats in the tenant settings."),
  /** A claim changed between reading and writing it (another command or instance won the race). */
  CLAIM_CHANGED_CONCURRENTLY(Kind.CONFLICT, "The claim changed while this command ran; nothing of this command was written.",
      "Read the claim again and retry."),
  /**
   * A user account changed between reading and writing it (another command or instance won the
   * race, such as a suspension racing an e-mail edit).
   */
  USER_CHANGED_CONCURRENTLY(Kind.CONFLICT, "The user account changed while this command ran; nothing of this command was written.",
      "Read the account again and retry; the JDBC store retries the command itself a few times first."),
  /** Seats a bulk run had checked were taken by another instance before the run wrote. */
  SEATS_TAKEN_CONCURRENTLY(Kind.CONFLICT, "Seats the bulk run had checked were taken meanwhile by another instance.",
      "Run the request again; the users already done are reported as already done."),
  /** A pool's seats would fall below its live claims. */
  SEATS_BELOW_LIVE_CLAIMS(Kind.CONFLICT, "The pool has more live claims than the seats asked for.",
      "Revoke or move claims first, or keep more seats."),
  /** A move or transfer needs a free seat of a pool that has none. */
  NOT_ENOUGH_SEATS(Kind.CONFLICT, "The pool has no free seat for the claim being moved or transferred.",
      "Add seats to the pool, or choose another pool."),
  /** The user already holds a live claim of the product. */
  ALREADY_HOLDS_PRODUCT(Kind.CONFLICT, "The user already holds a live claim of the product.", "Nothing to do; the user has it."),
  /** A reassigned seat's receiver already holds the product. */
  TARGET_ALREADY_HOLDS_PRODUCT(Kind.CONFLICT, "The user the seat would go to already holds the product.",
      "Choose another user, or revoke the claim instead."),
  /** The claim holds no seat (it is expired or revoked). */
  CLAIM_NOT_LIVE(Kind.CONFLICT, "The claim is expired or revoked and holds no seat.", "Read the claim again; choose a live one."),
  /** The user holds no live claim of the product. */
  NO_LIVE_CLAIM(Kind.CONFLICT, "The user holds no live claim of the product.", "Check the user and the product."),
  /** The user is not a member of the organization. */
  NOT_A_MEMBER(Kind.CONFLICT, "The user is not a member of the organization.", "Check the user and the organization."),
  /** The user is not in the product's seat waitlist. */
  NOT_WAITING(Kind.CONFLICT, "The user is not waiting for a seat of the product.", "List the product's waitlist and check the user."),
  /** The user does not hold the role in the organization. */
  ROLE_NOT_HELD(Kind.CONFLICT, "The user does not hold the role in the organization.", "Check the user, the role and the organization."),
  /** The pool does not serve the user (its scope is an organization the user is not in). */
  POOL_OUT_OF_SCOPE(Kind.CONFLICT, "The pool's organization scope does not serve every user concerned.",
      "Choose a pool scoped to the users' organizations (or tenant-wide)."),
  /** A user with this id exists already. */
  DUPLICATE_USER(Kind.CONFLICT, "A user with this id exists already in the tenant.", "Use another id, or update the existing user."),
  /**
   * Another user of the tenant has this e-mail address (compared stripped, NFC and lower case).
   *
   * @deprecated no longer returned: bulk registration accepts an address another account has, as
   *     the single registration always did, and reconciliation reports accounts sharing one
   *     ({@code DUPLICATE_ASSIGNMENT}); kept so that hosts matching on the code still compile.
   */
  @Deprecated(since = "0.1.0")
  DUPLICATE_EMAIL(Kind.CONFLICT, "Another user of the tenant has this e-mail address.",
      "Use the existing account, or correct the address; in a bulk import, each address may appear once."),
  /** A pool with this id exists already. */
  DUPLICATE_POOL(Kind.CONFLICT, "A pool with this id exists already in the tenant.", "Use another id, or change the existing pool."),
  /** A claim with this id exists already (a store-level refusal). */
  DUPLICATE_CLAIM(Kind.CONFLICT, "A claim with this id exists already in the tenant.", "Claim ids are generated; report this as a bug."),
  /** A second live claim of one user and product (a store-level refusal). */
  DUPLICATE_LIVE_CLAIM(Kind.CONFLICT, "The user already holds a live claim of the product.",
      "Store adapters refuse it; commands report the existing claim instead."),
  /** A bulk idempotency key was sent again with a different request. */
  IDEMPOTENCY_KEY_REUSED(Kind.CONFLICT, "The idempotency key was used before for a different bulk request.",
      "Use a new key for a new request."),
  /** A bulk request with this idempotency key is still running. */
  BULK_IN_PROGRESS(Kind.CONFLICT, "A bulk request with this idempotency key is still running.",
      "Wait for it to finish, then send the request again to read its result."),
  /**
   * A bulk run lost its idempotency key's lease: it stopped renewing it for longer than the lease
   * (a pause, a lost connection) and another run took the request over.
   */
  BULK_LEASE_LOST(Kind.CONFLICT, "Another run took this bulk request over after this run's lease on its idempotency key ran out;"
      + " this run stopped, its last transaction rolled back.",
      "Send the request again to read the other run's result once it finished."),

  /** Only a dead letter can be retried or discarded. */
  OUTBOX_MESSAGE_NOT_DEAD(Kind.CONFLICT, "The outbox message is not a dead letter (it is pending, delivered or discarded).",
      "List the dead letters and pick one of them."),

  // Refusals returned as values.

  /** Every pool in term that serves the user is full. */
  NO_SEAT_AVAILABLE(Kind.REFUSAL, "Every pool of the product in term that serves the user is full.",
      "Add seats to a pool, or free seats by revoking unused claims."),
  /** No pool of the product is in term for the user's organizations. */
  NO_POOL(Kind.REFUSAL, "No pool of the product is in term and serves the user's organizations.",
      "Add a pool of the product for the user's organizations, or renew an expired one."),

  // Infrastructure: thrown as StoreException.

  /**
   * The database could not be reached, or the connection was lost. Nothing of the command was
   * written, unless the connection was lost while committing: the message then says the database
   * may or may not have committed it.
   */
  STORE_UNAVAILABLE(Kind.STORE, "The store could not be reached or the connection was lost; nothing of the command was written,"
      + " unless the message says the connection was lost while committing (the command may then have committed).",
      "Check the database and its connections, then retry; after a lost commit, read the record first (a bulk request"
      + " with an idempotency key may simply be sent again)."),
  /** The database refused a statement for another reason than a lost connection or a lost race. */
  STORE_FAILURE(Kind.STORE, "The database refused a statement; nothing of the command was written. The message carries its SQLSTATE.",
      "Read the message and its cause; fix the database, or report it if the statement itself is at fault."),
  /** Serialization failures or deadlocks outlasted the retries. */
  STORE_RETRIES_EXHAUSTED(Kind.STORE, "The command kept losing races with other transactions and was given up.",
      "Retry later; raise the store's maxRetries if it happens often."),
  /** The schema migration failed. */
  STORE_MIGRATION_FAILED(Kind.STORE, "The store's schema could not be brought up to date.",
      "Read the cause; fix the database or run the migration scripts with your own tooling."),
  /** The thread was interrupted while waiting to retry. */
  STORE_INTERRUPTED(Kind.STORE, "The thread was interrupted while waiting to retry; nothing was written.", "Retry the command."),
  /** A stored bulk result could not be read back. */
  CORRUPT_IDEMPOTENCY_RECORD(Kind.STORE, "A stored bulk result could not be read back.",
      "Send the bulk request again with a new idempotency key.");

  /** What kind of answer carries the code. */
  public enum Kind {
    /** Thrown as {@link InvalidInputException}. */
    INVALID_INPUT,
    /** Thrown as {@link NotFoundException}. */
    NOT_FOUND,
    /** Thrown as {@link NotAuthorizedException}. */
    NOT_AUTHORIZED,
    /** Thrown as {@link ConflictException}, or returned as a bulk refusal. */
    CONFLICT,
    /** Returned as a value: the business said no. */
    REFUSAL,
    /** Thrown as {@link StoreException}. */
    STORE
  }

  private final Kind kind;
  private final String meaning;
  private final String hint;

  ErrorCode(Kind kind, String meaning, String hint) {
    this.kind = kind;
    this.meaning = meaning;
    this.hint = hint;
  }

  /**
   * Whether the code says a row changed between this command's read and its write: the command
   * wrote nothing and running it again (reading afresh) may succeed. The JDBC store retries such
   * commands itself, like serialization failures.
   */
  public boolean changedConcurrently() {
    return this == CLAIM_CHANGED_CONCURRENTLY || this == USER_CHANGED_CONCURRENTLY;
  }

  /** What kind of answer carries the code. */
  public Kind kind() {
    return kind;
  }

  /** What the code means. */
  public String meaning() {
    return meaning;
  }

  /** What the person who can fix it should do. */
  public String hint() {
    return hint;
  }

  /** The catalogue entry of {@code code}, as {@link LicensingException#code()} or a refusal carries it. */
  public static Optional<ErrorCode> find(String code) {
    return Arrays.stream(values()).filter(c -> c.name().equals(code)).findFirst();
  }
}
