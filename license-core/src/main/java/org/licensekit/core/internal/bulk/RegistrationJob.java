package org.licensekit.core.internal.bulk;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.Iterator;
import java.util.List;
import java.util.OptionalLong;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.licensekit.core.api.BulkRegistration;
import org.licensekit.core.api.NewUser;
import org.licensekit.core.api.UserOutcome;
import org.licensekit.core.domain.UserId;
import org.licensekit.core.internal.Context;
import org.licensekit.core.internal.UnitOfWork;
import org.licensekit.core.internal.directory.Registration;

/**
 * Bulk onboarding as a bulk job: the request's users read a chunk at a time, each chunk registered
 * set-based ({@link ChunkRegistration}), a user at a time through the single registration when
 * their chunk failed. The users are read twice: once for the count (and, with an idempotency key,
 * the fingerprint), once for the run.
 */
final class RegistrationJob implements BulkJob<NewUser> {

  /** The summary's canonical text of the action. */
  static final String ACTION = "register";

  private final Context context;
  private final BulkRegistration request;
  private OptionalLong counted = OptionalLong.empty();

  RegistrationJob(Context context, BulkRegistration request) {
    this.context = context;
    this.request = request;
  }

  @Override
  public Settings settings() {
    return new Settings(request.mode(), request.reason(), request.idempotencyKey(), request.chunkSize(), request.sampleLimit(),
        ACTION);
  }

  @Override
  public long count() {
    if (counted.isEmpty()) {
      try (Stream<NewUser> users = request.users()) {
        counted = OptionalLong.of(users.count());
      }
    }
    return counted.getAsLong();
  }

  /**
   * Mode, reason and a SHA-256 digest of every user as checked (e-mail normalized), for the
   * idempotency key: the same key with other users is refused. Counts the users on the way.
   */
  String fingerprint() {
    MessageDigest digest = sha256();
    long count = 0;
    try (Stream<NewUser> users = request.users()) {
      Iterator<NewUser> each = users.iterator();
      while (each.hasNext()) {
        digest.update(Registration.normalized(each.next()).toString().getBytes(StandardCharsets.UTF_8));
        digest.update((byte) '\n');
        count++;
      }
    }
    counted = OptionalLong.of(count);
    return ACTION + "|" + request.mode() + "|" + request.reason() + "|" + count + "|" + HexFormat.of().formatHex(digest.digest());
  }

  private static MessageDigest sha256() {
    try {
      return MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException missing) {
      throw new IllegalStateException("every Java platform has SHA-256", missing);
    }
  }

  @Override
  public void forEachPage(int chunkSize, Consumer<List<NewUser>> work) {
    try (Stream<NewUser> users = request.users()) {
      Iterator<NewUser> each = users.iterator();
      List<NewUser> page = new ArrayList<>(chunkSize);
      while (each.hasNext()) {
        page.add(each.next());
        if (page.size() == chunkSize) {
          work.accept(List.copyOf(page));
          page.clear();
        }
      }
      if (!page.isEmpty()) {
        work.accept(List.copyOf(page));
      }
    }
  }

  /**
   * Only when the store allows bulk chunks to overlap and onboarding's too
   * ({@link org.licensekit.core.spi.Transactions#overlapsBulkRegistrations()}, off by default): a
   * registration chunk does most of its work before its turn, so the overlap can only hide the chunk
   * before's audit entries and commit behind it, which did not pay on an idle two-core machine.
   */
  @Override
  public boolean overlapsOn(org.licensekit.core.spi.Transactions transactions) {
    return transactions.overlapsBulkChunks() && transactions.overlapsBulkRegistrations();
  }

  @Override
  public List<UserOutcome> applyPage(RunScope scope, UnitOfWork changes, List<NewUser> page, SeatTally tally) {
    return new ChunkRegistration(context, scope).apply(changes, page, tally);
  }

  /** The single registration, refusals thrown (the engine turns them into the user's outcome). */
  @Override
  public UserOutcome applyOne(RunScope scope, UnitOfWork changes, NewUser item, SeatTally tally) {
    NewUser user = Registration.normalized(item);
    Registration registration = new Registration(context);
    registration.checkReach(user, context.reach());
    registration.checkInput(user);
    java.util.Set<org.licensekit.core.domain.RoleId> roles = registration.rolesFor(user);
    if (context.store().directory().findUser(context.tenant(), user.id()).isPresent()) {
      throw Registration.duplicateUser(user.id());
    }
    UserOutcome outcome = registration.register(changes, user, roles).outcome();
    tally.need(scope.memberships().productsOf(roles));
    return outcome;
  }

  @Override
  public UserId userOf(NewUser item) {
    return item.id();
  }
}
