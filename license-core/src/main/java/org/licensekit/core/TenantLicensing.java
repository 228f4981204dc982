package org.licensekit.core;

import org.licensekit.core.api.Access;
import org.licensekit.core.domain.Actor;
import org.licensekit.core.domain.TenantId;

/** One tenant's licensing. Nothing reached from here reads or writes another tenant's data. */
public interface TenantLicensing {

  TenantId tenant();

  /** The tenant's operations performed by {@code actor}. */
  ActorSession as(Actor actor);

  /**
   * Access checks made by the host itself (trusted code, such as a request filter guarding a
   * product's pages), running as the {@code SYSTEM} actor {@code host}.
   */
  Access access();
}
