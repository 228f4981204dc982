package org.licensekit.core.internal.privacy;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.TreeMap;
import org.licensekit.core.ConflictException;
import org.licensekit.core.ErrorCode;
import org.licensekit.core.api.Erasure;
import org.licensekit.core.api.Privacy;
import org.licensekit.core.domain.AccountStatus;
import org.licensekit.core.domain.AuditEntry;
import org.licensekit.core.domain.AuditLink;
import org.licensekit.core.domain.ChangeType;
import org.licensekit.core.domain.TenantId;
import org.licensekit.core.domain.UserAccount;
import org.licensekit.core.domain.UserId;
import org.licensekit.core.internal.Context;
import org.licensekit.core.internal.Lookups;
import org.licensekit.core.internal.UnitOfWork;
import org.licensekit.core.internal.directory.AccountWriter;
import org.licensekit.core.policy.AuditChain;
import org.licensekit.core.policy.ErasureManifest;
import org.licensekit.core.policy.Operation;
import org.licensekit.core.policy.Pseudonym;
import org.licensekit.core.spi.LicenseStore;
import org.licensekit.core.spi.PersonalText;

/**
 * Erases a person: in one transaction, the directory row, the other texts that keep the name or
 * address ({@link org.licensekit.core.spi.PersonalDataStore}) and the audit entries that do
 * ({@link org.licensekit.core.spi.AuditStore#redact}) are rewritten with the pseudonym, and a
 * {@link ChangeType#PERSONAL_DATA_ERASED} entry records the fingerprint of every rewritten audit
 * entry ({@link ErasureManifest}), so the chain still verifies and covers the new content.
 */
public final class PrivacyService implements Privacy {

  private final Context context;

  public PrivacyService(Context context) {
    this.context = context;
  }

  @Override
  public Erasure erase(UserId user, String reason) {
    return context.command(Operation.ERASE_PERSONAL_DATA, Optional.of(user), () -> Context.requireReason(reason),
        changes -> erase(changes, user, reason));
  }

  private Erasure erase(UnitOfWork changes, UserId id, String reason) {
    LicenseStore store = context.store();
    TenantId tenant = context.tenant();
    UserAccount before = new Lookups(store, tenant).user(id);
    Pseudonym pseudonym = Pseudonym.of(tenant, id);
    if (pseudonym.carriedBy(before)) {
      return Erasure.builder().account(before).erasedNow(false).auditEntriesRewritten(0).recordsRewritten(0).build();
    }
    if (before.status() != AccountStatus.ARCHIVED) {
      throw new ConflictException(ErrorCode.USER_NOT_ARCHIVED,
          "User " + id + " is " + before.status() + ": offboard or archive the account before erasing it");
    }
    UserAccount after = UserAccount.builder().from(before).name(pseudonym.name()).email(pseudonym.email()).build();
    if (!store.directory().updateUser(tenant, after)) {
      throw AccountWriter.changedConcurrently(before);
    }
    List<String> ownTexts = store.audit().mentioning(tenant, id, java.util.Set.of()).stream()
        .filter(link -> link.entry().user().filter(id::equals).isPresent())
        .flatMap(link -> java.util.stream.Stream.of(link.entry().before(), link.entry().after()).flatMap(Optional::stream))
        .toList();
    Redactor redactor = new Redactor(before, pseudonym, ownTexts);
    List<PersonalText> texts = rewritten(store.personalData().find(tenant, id, redactor.needles()), redactor);
    store.personalData().rewrite(tenant, texts);
    List<Redaction> entries = redactedAudit(store.audit().mentioning(tenant, id, redactor.verbatim()), redactor, id);
    TreeMap<Long, String> fingerprints = new TreeMap<>();
    entries.forEach(r -> fingerprints.put(r.original().position(), AuditChain.fingerprint(tenant, r.redacted())));
    changes.record(ChangeType.PERSONAL_DATA_ERASED, "user", id).user(id)
        .after(ErasureManifest.write("personal data erased: user " + id + " is now \"" + pseudonym.name() + "\" <"
            + pseudonym.email() + ">; other records rewritten: " + texts.size(), fingerprints))
        .reason(Optional.of(redactor.verbatim(reason, true)))
        .done();
    changes.flush();
    long erasure = store.audit().head(tenant).orElseThrow().position();
    store.audit().redact(tenant, entries.stream()
        .map(r -> AuditChain.erase(r.original(), r.redacted().entry(), erasure)).toList());
    return Erasure.builder().account(after.nextVersion()).erasedNow(true)
        .auditEntriesRewritten(entries.size()).recordsRewritten(texts.size()).build();
  }

  private static List<PersonalText> rewritten(List<PersonalText> found, Redactor redactor) {
    List<PersonalText> changed = new ArrayList<>();
    for (PersonalText text : found) {
      String rewritten = redactor.rewrite(text);
      if (!rewritten.equals(text.text())) {
        changed.add(text.withText(rewritten));
      }
    }
    return changed;
  }

  /**
   * The entries whose text changes, with the redacted content (not yet sealed as erased: the
   * erasure's position is known once its own entry is appended). An entry that no longer matches
   * its hash is refused: rewriting it would make the tampering look like an erasure.
   */
  private List<Redaction> redactedAudit(List<AuditLink> found, Redactor redactor, UserId id) {
    List<Redaction> changed = new ArrayList<>();
    for (AuditLink link : found) {
      AuditEntry entry = link.entry();
      boolean owned = entry.user().filter(id::equals).isPresent();
      AuditEntry redacted = AuditEntry.builder().from(entry)
          .before(redactor.verbatim(entry.before(), owned))
          .after(redactor.verbatim(entry.after(), owned))
          .reason(redactor.verbatim(entry.reason(), owned))
          .build();
      if (redacted.equals(entry)) {
        continue;
      }
      Optional<String> expected = AuditChain.expectedHash(context.tenant(), link);
      if (expected.isPresent() && !expected.get().equals(link.hash())) {
        throw new ConflictException(ErrorCode.AUDIT_CHAIN_BROKEN, "Audit entry " + entry.id() + " at position "
            + link.position() + " no longer matches its hash; verify the audit trail before erasing");
      }
      changed.add(new Redaction(link, new AuditLink(link.position(), link.previousHash(), link.hash(), redacted, link.seal())));
    }
    return changed;
  }

  /** An audit entry as stored, and with its personal fields rewritten. */
  private record Redaction(AuditLink original, AuditLink redacted) {}
}
