package org.licensekit.core.api;

import java.util.List;
import java.util.Optional;
import org.licensekit.core.domain.OutboxMessage;

/**
 * One tenant's outbox: the invitations, reminders, alerts and domain events LicenseKit owes the
 * host. Each is written in the transaction of the command that caused it, delivered right after
 * that transaction commits and, when delivery fails (or the JVM stops first), redelivered by
 * {@link #deliverDue()} with backoff until it succeeds or has failed every attempt the
 * {@link OutboxPolicy} allows, when it becomes a dead letter. Delivery is at least once: a message
 * keeps its id across attempts ({@code Notification.messageId()}, {@code LicenseEvent.messageId()}),
 * so a host de-duplicates on it.
 */
public interface Outbox {

  /**
   * Delivers the tenant's messages that are due — failed earlier and waiting for their next
   * attempt, or left by an instance that stopped before delivering them — a page at a time, until
   * none is due. Safe to run on several instances at once: each message is taken by one of them.
   *
   * @return how many messages it examined ({@code examined}), delivered ({@code changed}) and saw
   *     fail ({@code skipped}); {@code notified} counts the notifications among those delivered
   * @throws org.licensekit.core.NotAuthorizedException unless the actor administers the tenant
   */
  JobRun deliverDue();

  /**
   * Dead letters, oldest first: messages that failed every attempt.
   *
   * @param after the id of the last dead letter of the previous page, or empty for the first page
   * @param limit at most this many, 1 to 500
   * @return the page
   * @throws org.licensekit.core.InvalidInputException when {@code limit} is out of range
   * @throws org.licensekit.core.NotAuthorizedException unless the actor may read the tenant's records
   */
  List<OutboxMessage> deadLetters(Optional<String> after, int limit);

  /**
   * Gives a dead letter a fresh set of attempts and delivers it now.
   *
   * @param messageId the dead letter's id
   * @return the message afterwards: {@code DELIVERED}, or {@code PENDING} when this attempt failed too
   * @throws org.licensekit.core.NotFoundException when the tenant has no such message
   * @throws org.licensekit.core.ConflictException with code {@code OUTBOX_MESSAGE_NOT_DEAD} when it is no dead letter
   * @throws org.licensekit.core.NotAuthorizedException unless the actor administers the tenant
   */
  OutboxMessage retry(String messageId);

  /**
   * Gives up a dead letter for good; it stays in the outbox as {@code DISCARDED}.
   *
   * @param messageId the dead letter's id
   * @return the message afterwards
   * @throws org.licensekit.core.NotFoundException when the tenant has no such message
   * @throws org.licensekit.core.ConflictException with code {@code OUTBOX_MESSAGE_NOT_DEAD} when it is no dead letter
   * @throws org.licensekit.core.NotAuthorizedException unless the actor administers the tenant
   */
  OutboxMessage discard(String messageId);

  /**
   * Deletes the tenant's messages kept past {@code retention}: delivered ones delivered longer ago
   * than its {@code delivered} retention and, only when it names one, dead and discarded ones
   * written longer ago than its {@code deadLetters} retention. Pending messages are never deleted.
   * Deletes in batches of the builder's {@code pageSize}, each batch a short transaction of its own,
   * so it holds no long lock and little memory however many there are; safe to run on several
   * instances at once (a message is deleted once).
   *
   * @param retention how long messages are kept
   * @return how many messages it deleted
   * @throws org.licensekit.core.NotAuthorizedException unless the actor administers the tenant
   */
  long purge(OutboxRetention retention);

  /**
   * How many of the tenant's messages are pending, delivered, dead and discarded.
   *
   * @return the counts
   * @throws org.licensekit.core.NotAuthorizedException unless the actor may read the tenant's records
   */
  OutboxCounts counts();
}
