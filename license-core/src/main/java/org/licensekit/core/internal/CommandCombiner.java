package org.licensekit.core.internal;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.LongAdder;
import java.util.concurrent.locks.LockSupport;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.BooleanSupplier;
import java.util.function.Function;
import org.licensekit.core.ConflictException;
import org.licensekit.core.ErrorCode;
import org.licensekit.core.LicensingException;
import org.licensekit.core.domain.AuditEntry;
import org.licensekit.core.domain.OutboxMessage;
import org.licensekit.core.domain.TenantId;
import org.licensekit.core.domain.UserId;
import org.licensekit.core.spi.DirectoryStore;
import org.licensekit.core.spi.LicenseStore;

/**
 * Runs concurrent commands that contend for the same rows — single assignments of one product,
 * which all take a seat of the same pools — in one transaction (flat combining): while one
 * caller's transaction runs, the others' commands queue in their lane; the caller that finds the
 * lane free leads, taking up to {@code maxBatch} queued commands into one transaction, each behind
 * its own savepoint, with one audit append, one outbox append and one commit. Each caller gets
 * only its own result or exception, and only after the commit returned; its notifications and
 * events are delivered by its own thread, as for any command.
 *
 * <p>What stays as it was: every command runs the same work against the same store ports, so the
 * seat rule, the one-live-claim rule and the lifecycle hold as they hold alone. The accounts the
 * batch names are locked first, in the order of their ids, before any command takes a pool's row,
 * so two batches (or a batch and a single command) never wait for each other's accounts in a
 * cycle. A lane whose commands could lock accounts the batch does not name is not combined while
 * they could: an assignment that finds users waiting for the product while a seat is free serves
 * them first, locking their accounts, which inside a batch would come after an earlier assignment
 * took the pool's row. So the leader asks the lane's {@code combinable} check (for assignments: no
 * one waits for the product) as the first statement of each batch's transaction, before it locks
 * anything — one read on the batch's own connection rather than a transaction of its own — and when
 * it says no, that transaction ends having written nothing and every command of the batch runs
 * alone, each by its caller, as uncombined. Asked inside or outside, the read sees what was
 * committed before it and nothing the batch wrote (it wrote nothing yet), so it decides the same. Only a user queued by a transaction that commits
 * after that check can still make a batch serve the queue; should that meet a transaction holding
 * one of those accounts and waiting for the pool, the database breaks the deadlock and the
 * assignment runs again alone, as below. A command refused by a rule ({@link LicensingException}, other than a row that changed
 * concurrently) is undone to its savepoint and its refusal goes to its caller only; a command that
 * failed any other way (a row changed concurrently, a deadlock, a constraint, a lost connection)
 * is undone likewise and then run again alone, by its caller, in a transaction of its own — so it
 * gets exactly the outcome, retries included, it would have had uncombined. When the batch's
 * transaction fails as a whole before its work ended (its audit append, say), nothing of it
 * committed and every command runs again alone likewise; when it fails at the commit, whether it
 * committed is unknown and every command fails with that error, as a lone command would. None is
 * lost, none waits forever. No thread is started: the callers themselves lead.
 *
 * <p>The accounts are locked with one statement for the batch. A lane whose commands name a
 * {@link SetBased} plan (single assignments do) runs the batch set-based first, behind one
 * savepoint: a few reads for all of its commands, each decided in memory, one write per table for
 * the batch; what the plan leaves — and everything, when it fails — runs behind per-command
 * savepoints as above. A batch's statements are otherwise round trips one after another on one
 * connection while its callers wait, which made a combined batch slower in wall time than the same
 * commands run alone on sixteen connections at once.
 */
public final class CommandCombiner {

  /** A waiting caller looks again this often even unwoken: a missed wake-up costs at most this long. */
  private static final long PARK_NANOS = TimeUnit.MILLISECONDS.toNanos(20);

  private final int maxBatch;
  private final ConcurrentHashMap<Object, Lane> lanes = new ConcurrentHashMap<>();
  private final LongAdder transactions = new LongAdder();
  private final LongAdder combined = new LongAdder();
  private final LongAdder rerunAlone = new LongAdder();
  private final LongAdder notCombined = new LongAdder();
  private final LongAdder setBased = new LongAdder();

  private CommandCombiner(int maxBatch) {
    this.maxBatch = maxBatch;
  }

  /**
   * A combiner running at most {@code maxBatch} commands in one transaction; 1 runs each alone.
   *
   * @throws IllegalArgumentException when {@code maxBatch} is less than 1
   */
  public static CommandCombiner of(int maxBatch) {
    if (maxBatch < 1) {
      throw new IllegalArgumentException("combinedAssignments must be at least 1 (was " + maxBatch + ")");
    }
    return new CommandCombiner(maxBatch);
  }

  /** The most commands one transaction runs. */
  public int maxBatch() {
    return maxBatch;
  }

  /**
   * What the combiner did so far: transactions with two or more commands, the commands they ran,
   * and the commands run again alone after failing inside one.
   */
  public Counts counts() {
    return new Counts(transactions.sum(), combined.sum(), rerunAlone.sum(), notCombined.sum(), setBased.sum());
  }

  /**
   * What a combiner did.
   *
   * @param transactions transactions that ran two or more commands
   * @param commands commands those transactions ran (each also counted in {@code rerunAlone} if it was)
   * @param rerunAlone commands that failed inside a combined transaction and ran again alone
   * @param notCombined commands of batches the lane's check kept apart, each run alone
   * @param setBased commands a batch's {@link SetBased} plan ran (the rest of its commands ran behind savepoints)
   */
  public record Counts(long transactions, long commands, long rerunAlone, long notCombined, long setBased) {}

  /**
   * A lane's set-based way to run a batch of its commands together: read what the commands need in
   * a few statements for all of them, decide each in memory, and write the batch's rows at once,
   * instead of each command's statements one after another. Two commands of one lane name equal
   * plans. A plan runs inside the batch's transaction, behind one savepoint, with every account
   * the batch names held; it runs a command only when it can give exactly the outcome running it
   * alone would (recording its audit entries in that command's unit of work), and leaves the others
   * (answers empty) to run each behind its own savepoint, after it. A plan that throws is undone
   * whole, and every command runs behind its own savepoint.
   */
  public interface SetBased {

    /**
     * Runs what it can of {@code members}, in their order (accounts in id order).
     *
     * @return per member, in order, its command's value when the plan ran it, or empty
     */
    List<Optional<Object>> run(List<Member> members);

    /**
     * One command of the batch: its argument, and the unit of work its changes go to (holding its
     * account, when it exists).
     */
    record Member(Object argument, UnitOfWork changes) {}
  }

  /**
   * A command's part in a {@link SetBased} batch: the lane's plan and this command's argument.
   *
   * @param plan equal for every command of the lane
   * @param argument what the plan needs of this command
   */
  public record SetBasedCommand(SetBased plan, Object argument) {}

  /**
   * Runs already-authorized {@code work} for {@code context} in one transaction, combined with other
   * callers' work of the same {@code lane} (a tenant and a product) when they run at once.
   *
   * @param user the account the work locks first, if any; a combined transaction locks every
   *     command's account, in id order, before it runs them
   * @param combinable asked by the leader before each batch, as the first statement of the batch's
   *     transaction (before any lock): whether the lane's commands may share one now; when not, the
   *     transaction ends having written nothing and each command of the batch runs alone
   */
  public <T> T run(Context context, Object lane, Optional<UserId> user, BooleanSupplier combinable, Function<UnitOfWork, T> work) {
    return run(context, lane, user, combinable, Optional.empty(), work);
  }

  /**
   * {@link #run(Context, Object, Optional, BooleanSupplier, Function)}, with a set-based way to run
   * a batch: when every command of a batch names a {@link SetBased} plan equal to the first's, the
   * leader lets that plan run what it can of the batch at once, and runs the rest each behind its
   * savepoint as before.
   *
   * @param setBased this command's argument and the plan that runs it with the others of its lane
   */
  public <T> T run(Context context, Object lane, Optional<UserId> user, BooleanSupplier combinable,
      Optional<SetBasedCommand> setBased, Function<UnitOfWork, T> work) {
    if (maxBatch < 2 || !context.store().transactions().detached()) {
      return context.run(work);
    }
    Request<T> request = new Request<>(context, user, combinable, setBased, work, Thread.currentThread());
    Lane joined = enqueue(lane, request);
    boolean interrupted = false;
    try {
      while (request.outcome == null) {
        if (joined.leading.tryLock()) {
          try {
            lead(lane, joined, request);
          } finally {
            joined.leading.unlock();
          }
          // whoever queued while this caller led, and was not taken, leads next
          Request<?> next = joined.queue.peek();
          if (next != null) {
            LockSupport.unpark(next.caller);
          }
        } else {
          LockSupport.parkNanos(this, PARK_NANOS);
          // a caller interrupted while its command may be running in another's transaction waits
          // for its outcome all the same, and keeps the interrupt for its own code
          interrupted |= Thread.interrupted();
        }
      }
    } finally {
      if (interrupted) {
        Thread.currentThread().interrupt();
      }
    }
    return request.outcome.deliver(request);
  }

  private Lane enqueue(Object key, Request<?> request) {
    return lanes.compute(key, (k, lane) -> {
      Lane joined = lane == null ? new Lane() : lane;
      joined.pending++;
      joined.queue.add(request);
      return joined;
    });
  }

  /** Runs batches from the lane until the leader's own command has an outcome. */
  private void lead(Object key, Lane lane, Request<?> own) {
    while (own.outcome == null) {
      List<Request<?>> batch = new ArrayList<>(Math.min(maxBatch, 16));
      Request<?> next;
      while (batch.size() < maxBatch && (next = lane.queue.poll()) != null) {
        batch.add(next);
      }
      if (batch.isEmpty()) {
        // the own command was taken by a leader before this one and is about to get its outcome
        return;
      }
      try {
        if (batch.size() == 1) {
          runAlone(batch.get(0));
        } else {
          runCombined(batch);
        }
      } finally {
        for (Request<?> done : batch) {
          if (done.outcome == null) {
            done.outcome = new Failed(new IllegalStateException("a combined command got no outcome"));
          }
        }
        lanes.computeIfPresent(key, (k, l) -> {
          if (l != lane) {
            return l;
          }
          l.pending -= batch.size();
          return l.pending == 0 ? null : l;
        });
        for (Request<?> done : batch) {
          if (done != own) {
            LockSupport.unpark(done.caller);
          }
        }
      }
    }
  }

  /** One command in a transaction of its own, as uncombined, on the leader's thread. */
  private static <T> void runAlone(Request<T> request) {
    try {
      Context.Undelivered<T> done = request.context.runUndelivered(request.work);
      request.outcome = new Done(done.value(), done.messages());
    } catch (RuntimeException | Error e) {
      request.outcome = new Failed(e);
    }
  }

  private void runCombined(List<Request<?>> batch) {
    List<Request<?>> ordered = new ArrayList<>(batch);
    // a stable order: accounts are locked in id order, and commands run in that order
    ordered.sort(Comparator.comparing((Request<?> r) -> r.user.map(UserId::value).orElse("")));
    Context first = ordered.get(0).context;
    LicenseStore store = first.store();
    TenantId tenant = first.tenant();
    boolean[] ranWhole = new boolean[1];
    boolean[] combinable = new boolean[1];
    try {
      store.transactions().inTransaction(() -> {
        ranWhole[0] = false;
        for (Request<?> request : ordered) {
          request.attempt = null;
        }
        // the batch's first statement: a read like any other, on the batch's connection, before any lock
        combinable[0] = batch.get(0).combinable.getAsBoolean();
        if (!combinable[0]) {
          return null;
        }
        Map<UserId, DirectoryStore.HeldAccount> held = lockAccounts(store, tenant, ordered);
        List<AuditEntry> audit = new ArrayList<>();
        List<OutboxMessage> messages = new ArrayList<>();
        runSetBased(ordered, held, audit, messages);
        for (Request<?> request : ordered) {
          if (request.attempt == null) {
            runInSavepoint(request, held, audit, messages);
          }
        }
        if (!audit.isEmpty()) {
          store.audit().append(tenant, audit);
        }
        if (!messages.isEmpty()) {
          store.outbox().append(messages);
        }
        ranWhole[0] = true;
        return null;
      });
    } catch (RuntimeException | Error e) {
      for (Request<?> request : ordered) {
        // failed before its end (the batch's own append, a lock): nothing committed, and each command
        // runs again alone, to the outcome it would have had; failed at or after it (the commit):
        // whether it committed is unknown, so running again could do twice what was done once
        request.outcome = ranWhole[0] || e instanceof Error ? new Failed(e) : RunAlone.INSTANCE;
        if (request.outcome == RunAlone.INSTANCE) {
          rerunAlone.increment();
        }
      }
      return;
    }
    if (!combinable[0]) {
      // nothing was written: each caller runs its own command in a transaction of its own, at once, as uncombined
      for (Request<?> request : batch) {
        request.outcome = RunAlone.INSTANCE;
      }
      notCombined.add(batch.size());
      return;
    }
    transactions.increment();
    combined.add(ordered.size());
    for (Request<?> request : ordered) {
      if (request.attempt instanceof RunAlone) {
        rerunAlone.increment();
      }
      request.outcome = request.attempt;
    }
  }

  /**
   * Every account the batch names, locked in one step in id order, with the tenant's settings held
   * after them (the order of {@link DirectoryStore#lockUserHoldingSettings}); an account that does
   * not exist is not in the map, and its command finds that out itself.
   */
  private static Map<UserId, DirectoryStore.HeldAccount> lockAccounts(LicenseStore store, TenantId tenant, List<Request<?>> ordered) {
    List<UserId> users = ordered.stream().flatMap(request -> request.user.stream()).distinct().toList();
    Map<UserId, DirectoryStore.HeldAccount> held = new HashMap<>();
    if (users.isEmpty()) {
      return held;
    }
    Map<UserId, org.licensekit.core.domain.UserAccount> accounts = store.directory().lockUsers(tenant, users);
    if (accounts.isEmpty()) {
      return held;
    }
    org.licensekit.core.domain.TenantSettings settings = store.settings().hold(tenant);
    accounts.forEach((user, account) -> held.put(user, new DirectoryStore.HeldAccount(account, settings)));
    return held;
  }

  /**
   * Lets the batch's set-based plan, when every command names the same one, run what it can of the
   * batch behind one savepoint: each command it ran gets its outcome (its audit entries and messages
   * join the batch's); the others keep no attempt and run behind their own savepoints after it. When
   * the plan fails, it is undone to its savepoint whole and every command runs behind its own.
   */
  private void runSetBased(List<Request<?>> ordered, Map<UserId, DirectoryStore.HeldAccount> held,
      List<AuditEntry> audit, List<OutboxMessage> messages) {
    Optional<SetBasedCommand> first = ordered.get(0).setBased;
    if (first.isEmpty() || !ordered.stream().allMatch(request -> request.setBased.filter(c -> c.plan().equals(first.get().plan())).isPresent())) {
      return;
    }
    List<UnitOfWork> units = new ArrayList<>(ordered.size());
    List<List<AuditEntry>> entries = new ArrayList<>(ordered.size());
    List<SetBased.Member> members = new ArrayList<>(ordered.size());
    for (Request<?> request : ordered) {
      List<AuditEntry> own = new ArrayList<>(1);
      Context context = request.context;
      UnitOfWork changes = new UnitOfWork(context.tenant(), context.actor(), context.ports().clock().instant(), own::addAll);
      request.user.map(held::get).ifPresent(changes::held);
      held.keySet().stream().max(java.util.Comparator.naturalOrder()).ifPresent(changes::accountsHeldThrough);
      units.add(changes);
      entries.add(own);
      members.add(new SetBased.Member(request.setBased.get().argument(), changes));
    }
    List<Optional<Object>> values;
    try {
      values = ordered.get(0).context.store().transactions().inTransaction(() -> {
        List<Optional<Object>> ran = first.get().plan().run(members);
        if (ran.size() != members.size()) {
          throw new IllegalStateException("a set-based plan answered " + ran.size() + " of " + members.size() + " commands");
        }
        return ran;
      });
    } catch (RuntimeException e) {
      // undone whole: each command runs behind its own savepoint, as without a plan
      return;
    }
    for (int i = 0; i < ordered.size(); i++) {
      if (values.get(i).isPresent()) {
        Request<?> request = ordered.get(i);
        UnitOfWork changes = units.get(i);
        changes.flush();
        List<OutboxMessage> owed = request.context.outboxMessages(changes);
        audit.addAll(entries.get(i));
        messages.addAll(owed);
        request.attempt = new Done(values.get(i).get(), owed);
        setBased.increment();
      }
    }
  }

  /** Runs one command behind a savepoint; its audit entries and messages join the batch's only if it completed. */
  private static <T> void runInSavepoint(Request<T> request, Map<UserId, DirectoryStore.HeldAccount> held,
      List<AuditEntry> audit, List<OutboxMessage> messages) {
    Context context = request.context;
    List<AuditEntry> entries = new ArrayList<>(2);
    UnitOfWork changes = new UnitOfWork(context.tenant(), context.actor(), context.ports().clock().instant(), entries::addAll);
    request.user.map(held::get).ifPresent(changes::held);
    // the batch holds every account it names: a lower one locked later is out of order
    held.keySet().stream().max(java.util.Comparator.naturalOrder()).ifPresent(changes::accountsHeldThrough);
    try {
      T value = context.store().transactions().inTransaction(() -> {
        T result = request.work.apply(changes);
        changes.flush();
        return result;
      });
      List<OutboxMessage> owed = context.outboxMessages(changes);
      audit.addAll(entries);
      messages.addAll(owed);
      request.attempt = new Done(value, owed);
    } catch (LicensingException e) {
      request.attempt = changedConcurrently(e) ? RunAlone.INSTANCE : new Failed(e);
    } catch (RuntimeException e) {
      request.attempt = RunAlone.INSTANCE;
    }
  }

  private static boolean changedConcurrently(LicensingException e) {
    return e instanceof ConflictException && ErrorCode.find(e.code()).filter(ErrorCode::changedConcurrently).isPresent();
  }

  /** The commands queued for one tenant and product, and the lock its leader holds. */
  private static final class Lane {
    final ReentrantLock leading = new ReentrantLock();
    final ConcurrentLinkedQueue<Request<?>> queue = new ConcurrentLinkedQueue<>();
    /** Commands queued or running, without an outcome yet; changed only inside the lanes map's compute. */
    int pending;
  }

  /** One caller's command and, once it has one, its outcome. */
  private static final class Request<T> {
    final Context context;
    final Optional<UserId> user;
    final BooleanSupplier combinable;
    final Function<UnitOfWork, T> work;
    final Optional<SetBasedCommand> setBased;
    final Thread caller;
    /** What the current attempt of the batch's transaction made of it; becomes the outcome once that commits. */
    Outcome attempt;
    volatile Outcome outcome;

    Request(Context context, Optional<UserId> user, BooleanSupplier combinable, Optional<SetBasedCommand> setBased,
        Function<UnitOfWork, T> work, Thread caller) {
      this.context = context;
      this.user = user;
      this.combinable = combinable;
      this.setBased = setBased;
      this.work = work;
      this.caller = caller;
    }
  }

  /** How a command ended, told to its caller. */
  private sealed interface Outcome permits Done, Failed, RunAlone {
    /** The caller's result: delivered, thrown, or run again alone. */
    <T> T deliver(Request<T> request);
  }

  /** Committed: the value, and the messages the caller delivers. */
  private record Done(Object value, List<OutboxMessage> messages) implements Outcome {
    @Override
    @SuppressWarnings("unchecked")
    public <T> T deliver(Request<T> request) {
      request.context.deliver(messages);
      return (T) value;
    }
  }

  /** Refused or failed: thrown to the caller. */
  private record Failed(Throwable error) implements Outcome {
    @Override
    public <T> T deliver(Request<T> request) {
      if (error instanceof RuntimeException runtime) {
        throw runtime;
      }
      throw (Error) error;
    }
  }

  /** Undone in the batch: the caller runs it again in a transaction of its own. */
  private enum RunAlone implements Outcome {
    INSTANCE;

    @Override
    public <T> T deliver(Request<T> request) {
      return request.context.run(request.work);
    }
  }
}
