package org.licensekit.core;

import org.licensekit.core.api.Access;
import org.licensekit.core.api.Assignments;
import org.licensekit.core.api.AuditTrail;
import org.licensekit.core.api.Catalog;
import org.licensekit.core.api.Claims;
import org.licensekit.core.api.Directory;
import org.licensekit.core.api.Pools;
import org.licensekit.core.api.Settings;
import org.licensekit.core.api.Training;
import org.licensekit.core.domain.Actor;
import org.licensekit.core.domain.TenantId;

/**
 * One tenant's licensing as one actor. Every call is authorized against {@link #actor()} and every
 * change is audited with it. Cheap to create; hold one per request.
 */
public interface ActorSession {

  TenantId tenant();

  Actor actor();

  /** Products, roles and job profiles. */
  Catalog catalog();

  /** Organizations, new-user setup and account status. */
  Directory users();

  /** License pools, terms and seats. */
  Pools pools();

  /** Product assignment through roles and directly. */
  Assignments assignments();

  /** Claiming and revoking licenses. */
  Claims claims();

  /** Training completions and certifications. */
  Training training();

  /** Users waiting for a seat: their order, and an administrator's changes to it. */
  org.licensekit.core.api.Waitlist waitlist();

  /** Access checks and the troubleshooter. */
  Access access();

  /** The audit trail. */
  AuditTrail audit();

  /** Tenant settings. */
  Settings settings();

  /** Bulk actions on the users a filter selects. */
  org.licensekit.core.api.BulkActions bulk();

  /** Follow-up, expirations, renewals and seasonal adjustments. */
  org.licensekit.core.api.Lifecycle lifecycle();

  /** The dashboard, claims report, unused licenses, usage analytics and reconciliation. */
  org.licensekit.core.api.report.Reports reports();

  /** Recording product launches and content progress. */
  org.licensekit.core.api.report.Usage usage();

  /** The notifications and events owed to the host: redelivery, dead letters, counts. */
  org.licensekit.core.api.Outbox outbox();

  /** Erasing a person's name and e-mail address (the right to be forgotten). */
  org.licensekit.core.api.Privacy privacy();
}
