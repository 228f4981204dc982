package org.licensekit.spring.admin;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import org.licensekit.core.api.AccessDecision;
import org.licensekit.core.api.AccessDenial;
import org.licensekit.core.api.AssignmentResult;
import org.licensekit.core.api.AuditVerification;
import org.licensekit.core.api.BulkResult;
import org.licensekit.core.api.ClaimResult;
import org.licensekit.core.api.RegistrationResult;
import org.licensekit.core.api.Troubleshooting;
import org.licensekit.core.api.UserProfile;
import org.licensekit.core.api.report.Analytics;
import org.licensekit.core.api.report.ClaimRow;
import org.licensekit.core.api.report.Dashboard;
import org.licensekit.core.api.report.Page;
import org.licensekit.core.api.report.ReconciliationResult;
import org.licensekit.core.api.report.Reassignment;
import org.licensekit.core.api.report.SeatFigures;
import org.licensekit.core.domain.AuditEntry;
import org.licensekit.core.domain.LicenseClaim;
import org.licensekit.core.domain.LicensePool;
import org.licensekit.core.domain.PoolUsage;
import org.licensekit.core.domain.UserAccount;
import org.licensekit.spring.admin.json.AnalyticsJson;
import org.licensekit.spring.admin.json.AssignmentJson;
import org.licensekit.spring.admin.json.AuditEntryJson;
import org.licensekit.spring.admin.json.AuditVerificationJson;
import org.licensekit.spring.admin.json.BulkResultJson;
import org.licensekit.spring.admin.json.ClaimJson;
import org.licensekit.spring.admin.json.ClaimResultJson;
import org.licensekit.spring.admin.json.ClaimRowJson;
import org.licensekit.spring.admin.json.DashboardJson;
import org.licensekit.spring.admin.json.DecisionJson;
import org.licensekit.spring.admin.json.PageJson;
import org.licensekit.spring.admin.json.PoolJson;
import org.licensekit.spring.admin.json.ProfileJson;
import org.licensekit.spring.admin.json.ReasonJson;
import org.licensekit.spring.admin.json.ReassignmentJson;
import org.licensekit.spring.admin.json.ReconciliationJson;
import org.licensekit.spring.admin.json.RefusalJson;
import org.licensekit.spring.admin.json.RegistrationJson;
import org.licensekit.spring.admin.json.SeatsJson;
import org.licensekit.spring.admin.json.TroubleshootingJson;
import org.licensekit.spring.admin.json.UserJson;

/** Turns the library's values into the wire records: ids as strings, instants and dates ISO-8601, absent values null (left out). */
final class Wire {

  private Wire() {}

  static String text(Optional<?> value) {
    return value.map(Object::toString).orElse(null);
  }

  static String instant(Instant value) {
    return value.toString();
  }

  static String date(LocalDate value) {
    return value.toString();
  }

  static <T, R> PageJson<R> page(Page<T> page, Function<T, R> item) {
    return new PageJson<>(page.items().stream().map(item).toList(), page.nextCursor().orElse(null));
  }

  static PoolJson pool(PoolUsage usage) {
    LicensePool p = usage.pool();
    return new PoolJson(p.id().value(), p.product().value(), p.seats(), usage.seatsInUse(), usage.free(), instant(p.term().start()),
        instant(p.term().end()), text(p.renewalDate()), p.reference().orElse(null), text(p.scope()));
  }

  static ClaimJson claim(LicenseClaim c) {
    return new ClaimJson(c.id().value(), c.user().value(), c.product().value(), c.pool().value(), c.status().name(), c.direct(),
        instant(c.assignedAt()), c.assignedBy().toString(), text(c.claimedAt()), text(c.expiresAt()), text(c.endedAt()),
        text(c.endedBy()), c.reason().orElse(null));
  }

  static List<ClaimJson> claims(List<LicenseClaim> claims) {
    return claims.stream().map(Wire::claim).toList();
  }

  static UserJson user(UserAccount u) {
    return new UserJson(u.id().value(), u.name(), u.email(), text(u.jobProfile()), u.status().name(), text(u.endDate()),
        instant(u.createdAt()));
  }

  static AssignmentJson assignment(AssignmentResult r) {
    return new AssignmentJson(claims(r.assigned()), claims(r.alreadyHeld()),
        r.refused().stream().map(x -> new RefusalJson(x.product().value(), x.code(), x.message())).toList(), r.complete());
  }

  static RegistrationJson registration(RegistrationResult r) {
    return new RegistrationJson(user(r.user()), assignment(r.assignments()));
  }

  static ReasonJson reason(AccessDenial d) {
    return new ReasonJson(d.code(), d.detail(), d.hint());
  }

  static ClaimResultJson claimResult(ClaimResult r) {
    return new ClaimResultJson(r.succeeded(), r.claim().map(Wire::claim).orElse(null), r.refusals().stream().map(Wire::reason).toList());
  }

  static ClaimRowJson row(ClaimRow r) {
    return new ClaimRowJson(r.claim().value(), r.user().value(), r.userName(), r.email(), r.product().value(),
        r.organizations().stream().map(Object::toString).toList(), r.status().name(), r.pool().value(), instant(r.assignedAt()),
        text(r.claimedAt()), text(r.expiresAt()));
  }

  static ProfileJson profile(UserProfile p) {
    return new ProfileJson(user(p.account()), p.jobProfile().map(j -> j.id().value()).orElse(null),
        p.organizations().stream().map(o -> new ProfileJson.Membership(o.organization().id().value(), o.organization().name(),
            o.roles().stream().map(r -> new ProfileJson.RoleHoldingJson(r.role().value(), r.source().name(),
                r.grants().stream().map(Object::toString).toList())).toList())).toList(),
        claims(p.claims()),
        p.training().stream().map(t -> new ProfileJson.TrainingJson(t.training().value(), instant(t.completedAt()), text(t.expiresAt())))
            .toList());
  }

  static DecisionJson decision(AccessDecision d) {
    return new DecisionJson(d.user().value(), d.product().value(), d.allowed(), text(d.claim()), d.reasons().stream().map(Wire::reason).toList());
  }

  static TroubleshootingJson troubleshooting(Troubleshooting t, List<AccessDecision> decisions) {
    return new TroubleshootingJson(t.user().value(), t.profile().map(Wire::profile).orElse(null), decisions.stream().map(Wire::decision).toList(),
        t.seatsOutsideScope().stream().map(c -> c.id().value()).toList());
  }

  static SeatsJson seats(SeatFigures s) {
    Map<String, Integer> expiring = new LinkedHashMap<>();
    s.expiringWithinDays().forEach((days, seats) -> expiring.put(String.valueOf(days), seats));
    return new SeatsJson(s.purchased(), s.pending(), s.claimed(), s.available(), s.assigned(), s.activationRate(), expiring,
        text(s.nextExpiration()), text(s.nextRenewal()));
  }

  static DashboardJson dashboard(Dashboard d) {
    return new DashboardJson(instant(d.at()), text(d.organization()),
        d.products().stream().map(p -> new DashboardJson.ProductSeatsJson(p.product().value(), p.name(), seats(p.seats()),
            new DashboardJson.ClaimCountsJson(p.claims().pending(), p.claims().active(), p.claims().expired(), p.claims().revoked())))
            .toList(),
        seats(d.total()),
        d.alerts().stream().map(a -> new DashboardJson.AlertJson(a.kind().name(), a.product().value(), text(a.pool()), a.count(),
            text(a.at()), a.message())).toList());
  }

  static AnalyticsJson analytics(Analytics a) {
    Map<String, Integer> bands = new LinkedHashMap<>();
    a.engagement().bands().forEach((band, count) -> bands.put(band.name(), count));
    return new AnalyticsJson(date(a.query().from()), date(a.query().to()),
        new AnalyticsJson.ActivationJson(a.activation().assigned(), a.activation().activated(), a.activation().rate(),
            a.activation().meanTimeToClaim().map(Duration::toString).orElse(null),
            a.activation().medianTimeToClaim().map(Duration::toString).orElse(null)),
        new AnalyticsJson.EngagementJson(a.engagement().claimants(), a.engagement().usedLast7Days(), a.engagement().usedLast30Days(),
            a.engagement().launches(), bands),
        a.completion().map(c -> new AnalyticsJson.CompletionJson(c.claimants(), c.meanProgress(), c.completed())).orElse(null),
        a.trend().stream().map(t -> new AnalyticsJson.TrendPointJson(date(t.start()), t.assignments(), t.activations(), t.launches(),
            t.userDays())).toList());
  }

  static ReassignmentJson reassignment(Reassignment r) {
    return new ReassignmentJson(claim(r.revoked()), claim(r.assigned()));
  }

  static ReconciliationJson reconciliation(ReconciliationResult r) {
    return new ReconciliationJson(instant(r.at()), r.dryRun(), r.clean(),
        r.found().stream().map(d -> new ReconciliationJson.DiscrepancyJson(d.kind().name(), d.product().value(), d.pool().value(),
            text(d.user()), text(d.claim()), d.description(),
            new ReconciliationJson.FixJson(d.fix().action().name(), d.fix().claims().stream().map(Object::toString).toList(),
                d.fix().seatsInUse().orElse(null), d.fix().description()))).toList(),
        r.claimsChanged(), r.countersCorrected());
  }

  static AuditEntryJson audit(AuditEntry e) {
    return new AuditEntryJson(e.id(), instant(e.at()), e.actor().toString(), e.action().name(), e.subjectType(), e.subjectId(),
        text(e.user()), e.before().orElse(null), e.after().orElse(null), e.reason().orElse(null));
  }

  static AuditVerificationJson verification(AuditVerification v) {
    return new AuditVerificationJson(v.entriesChecked(), v.intact(),
        v.firstBreak().map(b -> new AuditVerificationJson.BreakJson(b.position(), b.kind().name(), b.entryId().orElse(null), b.message()))
            .orElse(null));
  }

  static BulkResultJson bulk(BulkResult r) {
    return new BulkResultJson(r.idempotencyKey().orElse(null), r.mode().name(), r.dryRun(), r.status().name(), r.selected(), r.done(),
        r.already(), r.refused(),
        r.outcomes().stream().map(o -> new BulkResultJson.OutcomeJson(o.user().value(), o.kind().name(), o.code().orElse(null), o.detail()))
            .toList(),
        r.outcomesTruncated(),
        r.seats().stream().map(s -> new BulkResultJson.SeatForecastJson(s.product().value(), s.needed(), s.released(), s.available(),
            s.shortfall())).toList(),
        r.replayed());
  }
}
