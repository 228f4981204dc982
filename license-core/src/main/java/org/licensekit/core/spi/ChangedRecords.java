package org.licensekit.core.spi;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.licensekit.core.domain.TenantId;
import org.licensekit.core.domain.UserId;

/**
 * What one write changed, as far as a cache of the store's records must know: one user of a tenant
 * (their account, memberships, training records or claims), or one shared part of a tenant's
 * records. Travels between instances as text ({@link #encode()} / {@link #decode(String)}).
 */
public final class ChangedRecords {

  /** Which of a tenant's records changed. */
  public enum Part {
    /** One user's account, memberships, training records or claims. */
    USER,
    /** Products, roles and job profiles. */
    CATALOG,
    /** Organizations. */
    ORGANIZATIONS,
    /** Pools and their seat counts. */
    POOLS,
    /** Tenant settings. */
    SETTINGS
  }

  private final TenantId tenant;
  private final Part part;
  private final Optional<UserId> user;

  private ChangedRecords(TenantId tenant, Part part, Optional<UserId> user) {
    this.tenant = tenant;
    this.part = part;
    this.user = user;
  }

  /**
   * A user's records changed.
   *
   * @param tenant the tenant
   * @param user the user
   * @return the change
   * @throws NullPointerException when an argument is null
   */
  public static ChangedRecords ofUser(TenantId tenant, UserId user) {
    return new ChangedRecords(Objects.requireNonNull(tenant, "tenant"), Part.USER, Optional.of(user));
  }

  /**
   * A shared part of a tenant's records changed.
   *
   * @param tenant the tenant
   * @param part the part, not {@link Part#USER}
   * @return the change
   * @throws IllegalArgumentException when {@code part} is {@link Part#USER}
   * @throws NullPointerException when an argument is null
   */
  public static ChangedRecords ofShared(TenantId tenant, Part part) {
    Objects.requireNonNull(part, "part");
    if (part == Part.USER) {
      throw new IllegalArgumentException("part: a user's change names the user; use ofUser");
    }
    return new ChangedRecords(Objects.requireNonNull(tenant, "tenant"), part, Optional.empty());
  }

  /** The tenant whose records changed. */
  public TenantId tenant() {
    return tenant;
  }

  /** Which records changed. */
  public Part part() {
    return part;
  }

  /** The user whose records changed, for {@link Part#USER}; else empty. */
  public Optional<UserId> user() {
    return user;
  }

  /**
   * The change as one line of text: the part, then the tenant and the user each prefixed by its
   * length, e.g. {@code USER 10:district-1 3:ana}.
   *
   * @return the text, without line breaks unless an id holds one
   */
  public String encode() {
    String tenantId = tenant.value();
    StringBuilder text = new StringBuilder(part.name()).append(' ').append(tenantId.length()).append(':').append(tenantId);
    user.ifPresent(u -> text.append(' ').append(u.value().length()).append(':').append(u.value()));
    return text.toString();
  }

  /**
   * Reads changes {@linkplain #encode() encoded} one after the other (separated by a line break).
   *
   * @param text the encoded changes
   * @return the changes, in order
   * @throws IllegalArgumentException when the text is not a list of encoded changes
   */
  public static List<ChangedRecords> decode(String text) {
    List<ChangedRecords> changes = new ArrayList<>();
    int[] at = {0};
    while (at[0] < text.length()) {
      if (text.charAt(at[0]) == '\n') {
        at[0]++;
        continue;
      }
      int space = text.indexOf(' ', at[0]);
      if (space < 0) {
        throw new IllegalArgumentException("changed records: no tenant after position " + at[0]);
      }
      Part part = Part.valueOf(text.substring(at[0], space));
      at[0] = space + 1;
      TenantId tenant = TenantId.of(counted(text, at));
      if (part == Part.USER) {
        if (at[0] >= text.length() || text.charAt(at[0]) != ' ') {
          throw new IllegalArgumentException("changed records: a user change without a user at position " + at[0]);
        }
        at[0]++;
        changes.add(ofUser(tenant, UserId.of(counted(text, at))));
      } else {
        changes.add(ofShared(tenant, part));
      }
    }
    return changes;
  }

  private static String counted(String text, int[] at) {
    int colon = text.indexOf(':', at[0]);
    if (colon < 0) {
      throw new IllegalArgumentException("changed records: no length at position " + at[0]);
    }
    int length = Integer.parseInt(text.substring(at[0], colon));
    int end = colon + 1 + length;
    if (length < 0 || end > text.length()) {
      throw new IllegalArgumentException("changed records: a value runs past the end at position " + at[0]);
    }
    at[0] = end;
    return text.substring(colon + 1, end);
  }

  @Override
  public boolean equals(Object other) {
    return other instanceof ChangedRecords that && tenant.equals(that.tenant) && part == that.part && user.equals(that.user);
  }

  @Override
  public int hashCode() {
    return Objects.hash(tenant, part, user);
  }

  @Override
  public String toString() {
    return "ChangedRecords[" + encode() + "]";
  }
}
