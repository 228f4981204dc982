package org.licensekit.core.internal.session;

import org.licensekit.core.ActorSession;
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
import org.licensekit.core.internal.Context;
import org.licensekit.core.internal.Ports;
import org.licensekit.core.internal.access.AccessService;
import org.licensekit.core.internal.bulk.BulkService;
import org.licensekit.core.internal.catalog.CatalogService;
import org.licensekit.core.internal.catalog.SettingsService;
import org.licensekit.core.internal.claims.ClaimService;
import org.licensekit.core.internal.claims.PoolService;
import org.licensekit.core.internal.claims.TrainingService;
import org.licensekit.core.internal.directory.AssignmentService;
import org.licensekit.core.internal.directory.DirectoryService;
import org.licensekit.core.internal.lifecycle.LifecycleService;
import org.licensekit.core.internal.reports.AuditService;
import org.licensekit.core.internal.reports.ReportService;
import org.licensekit.core.internal.reports.UsageService;

/** Opens actor sessions: the composition root that wires each capability's use cases to one {@link Context}. */
public final class Sessions {

  private Sessions() {}

  public static ActorSession open(Ports ports, TenantId tenant, Actor actor) {
    return new Session(new Context(ports, tenant, actor));
  }

  private static final class Session implements ActorSession {
    private final Context context;

    Session(Context context) {
      this.context = context;
    }

    @Override
    public TenantId tenant() {
      return context.tenant();
    }

    @Override
    public Actor actor() {
      return context.actor();
    }

    @Override
    public Catalog catalog() {
      return new CatalogService(context);
    }

    @Override
    public Directory users() {
      return new DirectoryService(context);
    }

    @Override
    public Pools pools() {
      return new PoolService(context);
    }

    @Override
    public Assignments assignments() {
      return new AssignmentService(context);
    }

    @Override
    public Claims claims() {
      return new ClaimService(context);
    }

    @Override
    public Training training() {
      return new TrainingService(context);
    }

    @Override
    public org.licensekit.core.api.Waitlist waitlist() {
      return new org.licensekit.core.internal.claims.WaitlistService(context);
    }

    @Override
    public Access access() {
      return new AccessService(context);
    }

    @Override
    public AuditTrail audit() {
      return new AuditService(context);
    }

    @Override
    public Settings settings() {
      return new SettingsService(context);
    }

    @Override
    public org.licensekit.core.api.BulkActions bulk() {
      return new BulkService(context);
    }

    @Override
    public org.licensekit.core.api.Lifecycle lifecycle() {
      return new LifecycleService(context);
    }

    @Override
    public org.licensekit.core.api.Outbox outbox() {
      return new org.licensekit.core.internal.outbox.OutboxService(context);
    }

    @Override
    public org.licensekit.core.api.Privacy privacy() {
      return new org.licensekit.core.internal.privacy.PrivacyService(context);
    }

    @Override
    public org.licensekit.core.api.report.Reports reports() {
      return new ReportService(context);
    }

    @Override
    public org.licensekit.core.api.report.Usage usage() {
      return new UsageService(context);
    }
  }
}
