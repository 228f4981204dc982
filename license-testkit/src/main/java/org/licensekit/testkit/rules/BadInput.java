package org.licensekit.testkit.rules;

import java.util.List;
import java.util.Objects;
import org.licensekit.core.ActorSession;
import org.licensekit.core.InvalidInputException;
import org.licensekit.core.LicensingException;
import org.licensekit.core.NotFoundException;
import org.licensekit.core.domain.ClaimId;
import org.licensekit.core.domain.PoolId;
import org.licensekit.core.domain.UserId;

/**
 * One bad command and how it must be refused: with {@link InvalidInputException} naming exactly
 * {@link #fields()}, or with {@link NotFoundException} naming the one field of an unknown id.
 *
 * @param description what is wrong, for the test name
 * @param refusal the exception type the command must throw
 * @param fields the field names the refusal must name, no more and no fewer
 * @param call the command, made by an administrator on the {@link Known} records
 */
record BadInput(String description, Class<? extends LicensingException> refusal, List<String> fields, Call call) {

  /** Records that exist in the tenant before each bad command. */
  record Known(UserId user, PoolId pool, ClaimId claim) {}

  /** A command made by an administrator. */
  @FunctionalInterface
  interface Call {
    void run(ActorSession admin, Known known);
  }

  BadInput {
    Objects.requireNonNull(description, "description");
    fields = List.copyOf(fields);
    Objects.requireNonNull(call, "call");
  }

  /** Refused as invalid, naming every one of {@code fields}. */
  static BadInput invalid(String description, Call call, String... fields) {
    return new BadInput(description, InvalidInputException.class, List.of(fields), call);
  }

  /** Refused because the id in {@code field} names nothing in the tenant. */
  static BadInput notFound(String description, String field, Call call) {
    return new BadInput(description, NotFoundException.class, List.of(field), call);
  }

  @Override
  public String toString() {
    return description;
  }
}
