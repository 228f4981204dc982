package org.licensekit.core.policy;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import org.licensekit.core.domain.TenantId;
import org.licensekit.core.domain.UserAccount;
import org.licensekit.core.domain.UserId;

/**
 * The name and e-mail address an erased person is given: derived from the tenant and the user id
 * alone (the first 12 hex digits of a SHA-256), so erasing again gives the same pseudonym and
 * nothing about the erased name or address can be learned from it. The address is in the
 * {@code .invalid} top-level domain (RFC 2606), which never delivers mail.
 *
 * @param name the pseudonymous name
 * @param email the pseudonymous e-mail address
 */
public record Pseudonym(String name, String email) {

  /** The pseudonym of {@code user} in {@code tenant}. */
  public static Pseudonym of(TenantId tenant, UserId user) {
    String token = token(tenant, user);
    return new Pseudonym("Erased user " + token, "erased-" + token + "@erased.invalid");
  }

  /** Whether {@code account} already carries this pseudonym as its name and address. */
  public boolean carriedBy(UserAccount account) {
    return account.name().equals(name) && account.email().equals(email);
  }

  private static String token(TenantId tenant, UserId user) {
    try {
      byte[] digest = MessageDigest.getInstance("SHA-256")
          .digest(("licensekit-pseudonym|" + tenant.value().length() + ":" + tenant.value() + "|" + user.value())
              .getBytes(StandardCharsets.UTF_8));
      return HexFormat.of().formatHex(digest).substring(0, 12);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every Java platform provides SHA-256", e);
    }
  }
}
