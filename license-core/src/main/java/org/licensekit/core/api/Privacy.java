package org.licensekit.core.api;

import org.licensekit.core.domain.UserId;

/**
 * Erasing a person's personal data (the right to be forgotten): their name and e-mail address are
 * replaced by a pseudonym wherever LicenseKit keeps them, while their licenses, counts and the
 * audit trail's hash chain stay intact. See {@code docs/security.md}, "Privacy erase".
 */
public interface Privacy {

  /**
   * Replaces the user's name and e-mail address by a pseudonym derived from the tenant and the user
   * id ({@code Erased user 3f2a9c1b7d4e}, {@code erased-3f2a9c1b7d4e@erased.invalid}) in the
   * directory, in claim and waitlist reasons, in outbox messages and bulk results, and in the audit
   * trail, and records a {@code PERSONAL_DATA_ERASED} audit entry (with the pseudonym, never the
   * erased data; occurrences of the name or address in {@code reason} are replaced too). Claims
   * keep their status, dates and pools; nothing is revoked. Erasing an already erased user changes
   * and records nothing. Tenant administrators may erase anyone; an organization administrator only
   * users inside its subtrees.
   *
   * @param user the person to erase; the account must be archived (offboarded) first
   * @param reason why (the request's reference, for instance)
   * @return the account as it is now and what was rewritten
   * @throws org.licensekit.core.InvalidInputException when {@code reason} is blank or too long
   *     (field {@code reason})
   * @throws org.licensekit.core.NotFoundException when the user is unknown or outside the actor's
   *     organizations (field {@code userId})
   * @throws org.licensekit.core.ConflictException {@code USER_NOT_ARCHIVED} when the account is not
   *     archived; {@code AUDIT_CHAIN_BROKEN} when an audit entry to rewrite no longer matches its
   *     hash (erasing would hide the tampering); {@code USER_CHANGED_CONCURRENTLY} when the account
   *     changed meanwhile
   * @throws org.licensekit.core.NotAuthorizedException when the actor may not erase users
   */
  Erasure erase(UserId user, String reason);
}
