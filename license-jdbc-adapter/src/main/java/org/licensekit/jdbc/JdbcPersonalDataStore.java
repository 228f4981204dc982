package org.licensekit.jdbc;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.licensekit.core.domain.TenantId;
import org.licensekit.core.domain.UserId;
import org.licensekit.core.spi.PersonalDataStore;
import org.licensekit.core.spi.PersonalText;

/**
 * The texts that may hold personal data, found with {@code POSITION(? IN column) > 0} (a plain
 * substring test, the same on H2 and PostgreSQL, with no pattern characters to escape) and
 * rewritten row by row. A claim's reason bumps its row version, so a command that read the claim
 * before cannot write the old reason back.
 */
final class JdbcPersonalDataStore implements PersonalDataStore {

  private final Sql sql;
  private final Tables tables;

  JdbcPersonalDataStore(Sql sql, Tables tables) {
    this.sql = sql;
    this.tables = tables;
  }

  @Override
  public List<PersonalText> find(TenantId tenant, UserId user, Set<String> texts) {
    List<PersonalText> found = new ArrayList<>();
    found.addAll(sql.list("SELECT id, user_id, reason FROM " + tables.claims() + " WHERE tenant_id = ? AND reason IS NOT NULL AND (user_id = ?"
        + containing("reason", texts) + ")",
        row -> new PersonalText(PersonalText.Kind.CLAIM_REASON, List.of(row.getString("id")),
            Optional.of(UserId.of(row.getString("user_id"))), row.getString("reason")),
        params(tenant, Optional.of(user), texts, 1)));
    found.addAll(sql.list("SELECT product_id, user_id, reason FROM " + tables.waitlist() + " WHERE tenant_id = ? AND (user_id = ?"
        + containing("reason", texts) + ")",
        row -> new PersonalText(PersonalText.Kind.WAITLIST_REASON, List.of(row.getString("product_id"), row.getString("user_id")),
            Optional.of(UserId.of(row.getString("user_id"))), row.getString("reason")),
        params(tenant, Optional.of(user), texts, 1)));
    found.addAll(texts(tenant, texts, PersonalText.Kind.OUTBOX_PAYLOAD, tables.outbox(), "id", "payload"));
    found.addAll(texts(tenant, texts, PersonalText.Kind.OUTBOX_ERROR, tables.outbox(), "id", "last_error"));
    found.addAll(texts(tenant, texts, PersonalText.Kind.BULK_RESULT, tables.idempotencyKeys(), "idempotency_key", "result"));
    found.addAll(sql.list("SELECT idempotency_key, fingerprint FROM " + tables.idempotencyKeys() + " WHERE tenant_id = ?",
        row -> new PersonalText(PersonalText.Kind.BULK_REQUEST, List.of(row.getString(1)), Optional.empty(), row.getString(2)),
        tenant.value()));
    return found;
  }

  private List<PersonalText> texts(TenantId tenant, Set<String> texts, PersonalText.Kind kind, String table, String key, String column) {
    if (texts.isEmpty()) {
      return List.of();
    }
    return sql.list("SELECT " + key + ", " + column + " FROM " + table + " WHERE tenant_id = ? AND (1 = 0" + containing(column, texts) + ")",
        row -> new PersonalText(kind, List.of(row.getString(1)), Optional.empty(), row.getString(2)),
        params(tenant, Optional.empty(), texts, 1));
  }

  private static String containing(String column, Set<String> texts) {
    return (" OR POSITION(? IN " + column + ") > 0").repeat(texts.size());
  }

  private static Object[] params(TenantId tenant, Optional<UserId> user, Set<String> texts, int perText) {
    List<Object> params = new ArrayList<>();
    params.add(tenant.value());
    user.ifPresent(u -> params.add(u.value()));
    for (String text : texts) {
      for (int i = 0; i < perText; i++) {
        params.add(text);
      }
    }
    return params.toArray();
  }

  @Override
  public void rewrite(TenantId tenant, List<PersonalText> texts) {
    for (PersonalText text : texts) {
      switch (text.kind()) {
        case CLAIM_REASON -> sql.update("UPDATE " + tables.claims() + " SET reason = ?, version = version + 1 WHERE tenant_id = ? AND id = ?",
            text.text(), tenant.value(), text.key().get(0));
        case WAITLIST_REASON -> sql.update("UPDATE " + tables.waitlist() + " SET reason = ? WHERE tenant_id = ? AND product_id = ? AND user_id = ?",
            text.text(), tenant.value(), text.key().get(0), text.key().get(1));
        case OUTBOX_PAYLOAD -> sql.update("UPDATE " + tables.outbox() + " SET payload = ? WHERE tenant_id = ? AND id = ?",
            text.text(), tenant.value(), text.key().get(0));
        case OUTBOX_ERROR -> sql.update("UPDATE " + tables.outbox() + " SET last_error = ? WHERE tenant_id = ? AND id = ?",
            text.text(), tenant.value(), text.key().get(0));
        case BULK_RESULT -> sql.update("UPDATE " + tables.idempotencyKeys() + " SET result = ? WHERE tenant_id = ? AND idempotency_key = ?",
            text.text(), tenant.value(), text.key().get(0));
        case BULK_REQUEST -> sql.update("UPDATE " + tables.idempotencyKeys() + " SET fingerprint = ? WHERE tenant_id = ? AND idempotency_key = ?",
            text.text(), tenant.value(), text.key().get(0));
        default -> throw new IllegalArgumentException("unknown kind " + text.kind());
      }
    }
  }
}
