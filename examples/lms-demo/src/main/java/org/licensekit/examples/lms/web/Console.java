package org.licensekit.examples.lms.web;

import jakarta.servlet.http.HttpSession;
import org.licensekit.core.ActorSession;
import org.licensekit.core.TenantLicensing;
import org.licensekit.examples.lms.Persona;
import org.springframework.stereotype.Component;

/** Who the visitor acts as (kept in the HTTP session; the administrator by default) and their LicenseKit session. */
@Component
public class Console {

  static final String PERSONA = "persona";

  private final TenantLicensing district;

  Console(TenantLicensing district) {
    this.district = district;
  }

  /** The persona the visitor acts as. */
  public Persona persona(HttpSession session) {
    Object key = session.getAttribute(PERSONA);
    return key instanceof String k ? Persona.byKey(k).orElse(Persona.ADMIN) : Persona.ADMIN;
  }

  /** LicenseKit as the visitor's persona: every call is authorized against it. */
  public ActorSession as(HttpSession session) {
    return district.as(persona(session).actor());
  }

  /** LicenseKit as the administrator, for reference data every page shows (organizations, products). */
  public ActorSession administrator() {
    return district.as(Persona.ADMIN.actor());
  }

  /** The district's tenant. */
  public TenantLicensing district() {
    return district;
  }
}
