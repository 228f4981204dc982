package org.licensekit.core.memory;

import com.google.common.collect.ImmutableList;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.licensekit.core.domain.ClaimId;
import org.licensekit.core.domain.LicenseClaim;
import org.licensekit.core.domain.OutboxMessage;
import org.licensekit.core.domain.ProductId;
import org.licensekit.core.domain.TenantId;
import org.licensekit.core.domain.UserId;
import org.licensekit.core.domain.WaitlistEntry;
import org.licensekit.core.spi.IdempotencyRecord;
import org.licensekit.core.spi.PersonalDataStore;
import org.licensekit.core.spi.PersonalText;

/** The texts that may hold personal data, read and rewritten in the sibling stores' tables. */
final class InMemoryPersonalDataStore implements PersonalDataStore {

  private final InMemoryTransactions tx;
  private final InMemoryClaimStore claims;
  private final InMemoryWaitlistStore waitlist;
  private final InMemoryOutboxStore outbox;
  private final InMemoryIdempotencyStore idempotency;

  InMemoryPersonalDataStore(InMemoryTransactions tx, InMemoryClaimStore claims, InMemoryWaitlistStore waitlist,
      InMemoryOutboxStore outbox, InMemoryIdempotencyStore idempotency) {
    this.tx = tx;
    this.claims = claims;
    this.waitlist = waitlist;
    this.outbox = outbox;
    this.idempotency = idempotency;
  }

  @Override
  public List<PersonalText> find(TenantId tenant, UserId user, Set<String> texts) {
    return tx.read(() -> {
      List<PersonalText> found = new ArrayList<>();
      claims.claimsTable().stream(tenant).forEach(claim -> claim.reason()
          .filter(reason -> claim.user().equals(user) || containsAny(reason, texts))
          .ifPresent(reason -> found.add(new PersonalText(PersonalText.Kind.CLAIM_REASON, List.of(claim.id().value()),
              Optional.of(claim.user()), reason))));
      waitlist.queuesTable().stream(tenant).flatMap(List::stream)
          .filter(entry -> entry.user().equals(user) || containsAny(entry.reason(), texts))
          .forEach(entry -> found.add(new PersonalText(PersonalText.Kind.WAITLIST_REASON,
              List.of(entry.product().value(), entry.user().value()), Optional.of(entry.user()), entry.reason())));
      outbox.messagesTable().stream(tenant).forEach(message -> {
        if (containsAny(message.payload(), texts)) {
          found.add(new PersonalText(PersonalText.Kind.OUTBOX_PAYLOAD, List.of(message.id()), Optional.empty(), message.payload()));
        }
        message.lastError().filter(error -> containsAny(error, texts)).ifPresent(error ->
            found.add(new PersonalText(PersonalText.Kind.OUTBOX_ERROR, List.of(message.id()), Optional.empty(), error)));
      });
      idempotency.recordsTable().stream(tenant).forEach(record -> {
        record.result().filter(result -> containsAny(result, texts)).ifPresent(result ->
            found.add(new PersonalText(PersonalText.Kind.BULK_RESULT, List.of(record.key()), Optional.empty(), result)));
        found.add(new PersonalText(PersonalText.Kind.BULK_REQUEST, List.of(record.key()), Optional.empty(), record.fingerprint()));
      });
      return ImmutableList.copyOf(found);
    });
  }

  @Override
  public void rewrite(TenantId tenant, List<PersonalText> texts) {
    List<PersonalText> copy = ImmutableList.copyOf(texts);
    tx.write(() -> {
      copy.forEach(text -> rewrite(tenant, text));
      return null;
    });
  }

  private void rewrite(TenantId tenant, PersonalText text) {
    switch (text.kind()) {
      case CLAIM_REASON -> {
        ClaimId id = ClaimId.of(text.key().get(0));
        claims.claimsTable().get(tenant, id).ifPresent(claim -> claims.claimsTable().put(tenant, id,
            LicenseClaim.builder().from(claim).reason(text.text()).build().nextVersion()));
      }
      case WAITLIST_REASON -> {
        ProductId product = ProductId.of(text.key().get(0));
        UserId user = UserId.of(text.key().get(1));
        waitlist.queuesTable().get(tenant, product).ifPresent(queue -> waitlist.queuesTable().put(tenant, product,
            queue.stream().map(entry -> entry.user().equals(user)
                ? WaitlistEntry.builder().from(entry).reason(text.text()).build() : entry)
                .collect(ImmutableList.toImmutableList())));
      }
      case OUTBOX_PAYLOAD, OUTBOX_ERROR -> outbox.messagesTable().get(tenant, text.key().get(0)).ifPresent(message ->
          outbox.messagesTable().put(tenant, message.id(), text.kind() == PersonalText.Kind.OUTBOX_PAYLOAD
              ? OutboxMessage.builder().from(message).payload(text.text()).build()
              : OutboxMessage.builder().from(message).lastError(text.text()).build()));
      case BULK_RESULT -> idempotency.recordsTable().get(tenant, text.key().get(0)).ifPresent(record ->
          idempotency.recordsTable().put(tenant, record.key(),
              new IdempotencyRecord(record.key(), record.fingerprint(), record.reservedAt(), Optional.of(text.text()))));
      case BULK_REQUEST -> idempotency.recordsTable().get(tenant, text.key().get(0)).ifPresent(record ->
          idempotency.recordsTable().put(tenant, record.key(),
              new IdempotencyRecord(record.key(), text.text(), record.reservedAt(), record.result())));
      default -> throw new IllegalArgumentException("unknown kind " + text.kind());
    }
  }

  private static boolean containsAny(String value, Set<String> texts) {
    return texts.stream().anyMatch(value::contains);
  }
}
