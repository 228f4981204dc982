package org.licensekit.core.spi;

import java.util.List;
import java.util.Set;
import org.licensekit.core.domain.TenantId;
import org.licensekit.core.domain.UserId;

/**
 * The texts outside the directory and the audit trail where a person's name or e-mail address may
 * be kept — claim and waitlist reasons, outbox payloads and errors, bulk results — so that an
 * erasure can find and rewrite them. The directory's own row goes through {@link DirectoryStore},
 * the audit trail through {@link AuditStore#redact}.
 */
public interface PersonalDataStore {

  /**
   * The tenant's texts that belong to {@code user} (claims and waitlist places) or contain one of
   * {@code texts} exactly, as a substring, and every remembered bulk request
   * ({@link PersonalText.Kind#BULK_REQUEST}: short, and its search text may name the person by a
   * part of their name), read inside the calling transaction.
   */
  List<PersonalText> find(TenantId tenant, UserId user, Set<String> texts);

  /** Replaces each record's text by the one given; a record that no longer exists is skipped. */
  void rewrite(TenantId tenant, List<PersonalText> texts);
}
