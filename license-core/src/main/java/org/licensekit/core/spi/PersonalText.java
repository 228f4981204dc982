package org.licensekit.core.spi;

import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.licensekit.core.domain.UserId;

/**
 * One stored text, outside the directory and the audit trail, that may hold a person's name or
 * e-mail address, as {@link PersonalDataStore} finds and rewrites it.
 *
 * @param kind where the text is kept, which also says how it is encoded
 * @param key the record's key within its kind and tenant: a claim's id; a waitlist place's product
 *     and user; an outbox message's id; an idempotency key
 * @param owner the user the record belongs to, when the table says so (claims, waitlist places)
 * @param text the text as stored
 */
public record PersonalText(Kind kind, List<String> key, Optional<UserId> owner, String text) {

  /** Where a text is kept. */
  public enum Kind {
    /** A claim's reason, verbatim. */
    CLAIM_REASON,
    /** A seat waitlist place's reason, verbatim. */
    WAITLIST_REASON,
    /** An outbox message's payload (URL-encoded fields, see the outbox codec). */
    OUTBOX_PAYLOAD,
    /** An outbox message's last delivery error, verbatim. */
    OUTBOX_ERROR,
    /** A finished bulk run's stored result (percent-escaped fields). */
    BULK_RESULT,
    /**
     * A bulk run's remembered request (its idempotency fingerprint: action, filter with any search
     * text, reason), verbatim. A rewritten request no longer matches a replay of the original one.
     */
    BULK_REQUEST
  }

  public PersonalText {
    Objects.requireNonNull(kind, "kind");
    key = List.copyOf(key);
    Objects.requireNonNull(owner, "owner");
    Objects.requireNonNull(text, "text");
  }

  /** The same record with {@code newText}. */
  public PersonalText withText(String newText) {
    return new PersonalText(kind, key, owner, newText);
  }
}
