package org.licensekit.core.cache;

import java.util.Objects;

/**
 * One read within a snapshot: the port method and its argument beyond tenant and user (or
 * {@link #NONE}), e.g. {@code findProduct(observation)}.
 */
record Query(String method, Object argument) {

  /** The argument of a read that takes none besides its scope. */
  static final Object NONE = "";

  Query {
    Objects.requireNonNull(method, "method");
    Objects.requireNonNull(argument, "argument");
  }

  static Query of(String method) {
    return new Query(method, NONE);
  }

  static Query of(String method, Object argument) {
    return new Query(method, argument);
  }
}
