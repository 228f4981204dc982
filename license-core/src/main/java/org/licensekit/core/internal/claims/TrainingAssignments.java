package org.licensekit.core.internal.claims;

import com.google.common.collect.ImmutableList;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.licensekit.core.domain.ChangeType;
import org.licensekit.core.domain.LicenseClaim;
import org.licensekit.core.domain.Product;
import org.licensekit.core.domain.ProductId;
import org.licensekit.core.domain.TenantId;
import org.licensekit.core.domain.TrainingAssignment;
import org.licensekit.core.domain.TrainingId;
import org.licensekit.core.domain.TrainingRecord;
import org.licensekit.core.domain.UserAccount;
import org.licensekit.core.domain.UserId;
import org.licensekit.core.internal.UnitOfWork;
import org.licensekit.core.policy.Prerequisites;
import org.licensekit.core.policy.UnmetPrerequisite;
import org.licensekit.core.spi.LicenseStore;
import org.licensekit.core.spi.Notification;

/**
 * Every training-assignment write: assigning the prerequisites a product needs and the user lacks
 * (when the product is assigned), assigning one training by hand, and closing the assignment when
 * the completion is recorded — telling the user which products that made available.
 */
public final class TrainingAssignments {

  /** How long a user has for training assigned with a product: 30 days from the assignment. */
  public static final Duration DUE_WITHIN = Duration.ofDays(30);

  private final LicenseStore store;
  private final TenantId tenant;

  public TrainingAssignments(LicenseStore store, TenantId tenant) {
    this.store = store;
    this.tenant = tenant;
  }

  /**
   * Assigns each prerequisite of {@code product} the user does not meet now and has no open
   * assignment for, due {@link #DUE_WITHIN} from now. Returns the new assignments.
   */
  public List<TrainingAssignment> assignMissing(UnitOfWork changes, UserId user, ProductId product) {
    Optional<Product> required = changes.product(product, id -> store.catalog().findProduct(tenant, id)).filter(p -> !p.prerequisites().isEmpty());
    if (required.isEmpty()) {
      return List.of();
    }
    List<UnmetPrerequisite> unmet = Prerequisites.unmet(required.get(), store.training().listForUser(tenant, user), changes.now());
    if (unmet.isEmpty()) {
      return List.of();
    }
    Map<TrainingId, TrainingAssignment> assigned = byTraining(user);
    ImmutableList.Builder<TrainingAssignment> added = ImmutableList.builder();
    for (UnmetPrerequisite missing : unmet) {
      TrainingId training = missing.prerequisite().training();
      boolean open = Optional.ofNullable(assigned.get(training)).filter(a -> !a.completed()).isPresent();
      if (!open) {
        added.add(assign(changes, user, training, Optional.of(product), changes.now().plus(DUE_WITHIN)));
      }
    }
    return added.build();
  }

  /** Assigns the training, due at {@code dueAt}: saved, audited (an event the host can act on) and notified. */
  public TrainingAssignment assign(UnitOfWork changes, UserId user, TrainingId training, Optional<ProductId> product, Instant dueAt) {
    TrainingAssignment assignment = TrainingAssignment.builder()
        .user(user).training(training).product(product).assignedAt(changes.now()).dueAt(dueAt).build();
    Optional<TrainingAssignment> before = Optional.ofNullable(byTraining(user).get(training));
    store.training().saveAssignment(tenant, assignment);
    audit(changes, ChangeType.TRAINING_ASSIGNED, assignment, before, product);
    store.directory().findUser(tenant, user).ifPresent(account -> changes.sendAfterCommit(notification(
        account, Notification.Kind.TRAINING_ASSIGNED, product, Map.of("training", training.value(), "dueAt", dueAt.toString()))));
    return assignment;
  }

  /**
   * After {@code record} was saved: closes the user's open assignment of that training, and tells
   * the user of each product they hold a live claim for whose prerequisites this record completed.
   * Returns those products.
   */
  public List<ProductId> completed(UnitOfWork changes, TrainingRecord record) {
    UserId user = record.user();
    Optional.ofNullable(byTraining(user).get(record.training())).filter(a -> !a.completed()).ifPresent(open -> {
      TrainingAssignment done = TrainingAssignment.builder().from(open).completedAt(record.completedAt()).build();
      store.training().saveAssignment(tenant, done);
      audit(changes, ChangeType.TRAINING_ASSIGNMENT_COMPLETED, done, Optional.of(open), open.product());
    });
    if (!record.validAt(changes.now())) {
      return List.of();
    }
    List<TrainingRecord> records = store.training().listForUser(tenant, user);
    List<ProductId> available = store.claims().listForUser(tenant, user).stream()
        .filter(LicenseClaim::live)
        .map(LicenseClaim::product)
        .distinct()
        .sorted()
        .flatMap(id -> store.catalog().findProduct(tenant, id).stream())
        .filter(p -> p.prerequisites().stream().anyMatch(pre -> pre.training().equals(record.training())))
        .filter(p -> Prerequisites.unmet(p, records, changes.now()).isEmpty())
        .map(Product::id)
        .collect(ImmutableList.toImmutableList());
    if (!available.isEmpty()) {
      store.directory().findUser(tenant, user).ifPresent(account -> available.forEach(product -> changes.sendAfterCommit(notification(
          account, Notification.Kind.PRODUCT_AVAILABLE, Optional.of(product), Map.of("training", record.training().value())))));
    }
    return available;
  }

  private Map<TrainingId, TrainingAssignment> byTraining(UserId user) {
    return store.training().assignmentsOf(tenant, user).stream()
        .collect(Collectors.toMap(TrainingAssignment::training, Function.identity()));
  }

  private Notification notification(UserAccount account, Notification.Kind kind, Optional<ProductId> product, Map<String, String> facts) {
    org.licensekit.core.spi.ImmutableNotification.Builder builder = Notification.builder().tenant(tenant).kind(kind).user(account.id())
        .email(account.email()).name(account.name()).putAllAttributes(facts);
    product.ifPresent(p -> builder.putAttributes("product", p.value()));
    return builder.build();
  }

  /** The audit entry (and event) of one assignment change. */
  private static void audit(UnitOfWork changes, ChangeType type, TrainingAssignment after, Optional<TrainingAssignment> before,
      Optional<ProductId> product) {
    UnitOfWork.Change change = changes.record(type, "training", after.user() + "/" + after.training())
        .user(after.user()).before(before).after(after)
        .attributes(Map.of("training", after.training().value(), "dueAt", after.dueAt().toString()));
    product.ifPresent(change::product);
    change.done();
  }
}
