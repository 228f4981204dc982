package org.licensekit.spring.maintenance;

import java.util.Map;
import java.util.Optional;
import javax.sql.DataSource;
import net.javacrumbs.shedlock.core.DefaultLockingTaskExecutor;
import net.javacrumbs.shedlock.provider.jdbctemplate.JdbcTemplateLockProvider;
import org.licensekit.core.Licensing;
import org.licensekit.core.api.AlertContact;
import org.licensekit.core.api.MonthlyReview;
import org.licensekit.core.api.OutboxRetention;
import org.licensekit.core.api.ExpirationAlerts;
import org.licensekit.core.api.FollowUp;
import org.licensekit.core.domain.UserId;
import org.licensekit.spring.LicensekitAutoConfiguration;
import org.licensekit.spring.LicensekitProperties;
import org.licensekit.spring.LicensingTenants;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnSingleCandidate;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.annotation.Bean;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Scheduled maintenance, off unless {@code licensekit.maintenance.enabled=true}: the jobs run on
 * their cron schedules under ShedLock locks in the application's database (table
 * {@code licensekit.maintenance.lock-table}, created on start when missing unless
 * {@code licensekit.jdbc.migrate-on-start=false}).
 */
@AutoConfiguration(after = LicensekitAutoConfiguration.class)
@ConditionalOnBooleanProperty(name = "licensekit.maintenance.enabled")
@ConditionalOnBean(Licensing.class)
@ConditionalOnSingleCandidate(DataSource.class)
public class LicensekitMaintenanceAutoConfiguration {

  /**
   * The scheduled jobs.
   *
   * @param licensing the licensing facade
   * @param properties the properties
   * @param tenants the tenants to maintain
   * @param dataSource where the locks are kept
   * @param events receives each run
   * @return the maintenance
   */
  @Bean
  @ConditionalOnMissingBean
  public LicensekitMaintenance licensekitMaintenance(Licensing licensing, LicensekitProperties properties,
      LicensingTenants tenants, DataSource dataSource, ApplicationEventPublisher events) {
    LicensekitProperties.Maintenance maintenance = properties.getMaintenance();
    JdbcTemplate jdbc = new JdbcTemplate(dataSource);
    if (properties.getJdbc().isMigrateOnStart()) {
      jdbc.execute("CREATE TABLE IF NOT EXISTS " + maintenance.getLockTable() + " (name VARCHAR(64) NOT NULL, "
          + "lock_until TIMESTAMP NOT NULL, locked_at TIMESTAMP NOT NULL, locked_by VARCHAR(255) NOT NULL, "
          + "PRIMARY KEY (name))");
    }
    JdbcTemplateLockProvider lockProvider = new JdbcTemplateLockProvider(JdbcTemplateLockProvider.Configuration.builder()
        .withJdbcTemplate(jdbc)
        .withTableName(maintenance.getLockTable())
        .usingDbTime()
        .build());
    return new LicensekitMaintenance(licensing, settings(properties), tenants, new DefaultLockingTaskExecutor(lockProvider), events);
  }

  static LicensekitMaintenance.MaintenanceSettings settings(LicensekitProperties properties) {
    LicensekitProperties.Maintenance maintenance = properties.getMaintenance();
    LicensekitProperties.FollowUp followUp = properties.getFollowUp();
    LicensekitProperties.ExpirationAlerts alerts = properties.getExpirationAlerts();
    return new LicensekitMaintenance.MaintenanceSettings(
        Map.of(MaintenanceJob.EXPIRE_DUE, maintenance.getExpireCron(),
            MaintenanceJob.FOLLOW_UP, maintenance.getFollowUpCron(),
            MaintenanceJob.EXPIRATION_ALERTS, maintenance.getExpirationAlertsCron(),
            MaintenanceJob.ARCHIVE_TEMPORARY_STAFF, maintenance.getArchiveCron(),
            MaintenanceJob.MONTHLY_REVIEW, maintenance.getMonthlyReviewCron(),
            MaintenanceJob.SERVE_WAITLISTS, maintenance.getServeWaitlistsCron(),
            MaintenanceJob.OUTBOX_RELAY, maintenance.getOutboxRelayCron(),
            MaintenanceJob.OUTBOX_PURGE, maintenance.getOutboxPurgeCron()),
        maintenance.getLockAtMostFor(), maintenance.getLockAtLeastFor(),
        new FollowUp(followUp.getSteps(), Optional.ofNullable(followUp.getClaimDeadline())),
        new ExpirationAlerts(alerts.getWindows(), alerts.getContacts().stream()
            .map(c -> new AlertContact(UserId.of(c.getUser()), c.getName(), c.getEmail())).toList()),
        monthlyReview(properties.getMonthlyReview()),
        outboxRetention(properties.getOutbox()));
  }

  /** The purge's retention: delivered messages for their retention, dead letters only when one is set. */
  static OutboxRetention outboxRetention(LicensekitProperties.Outbox outbox) {
    OutboxRetention delivered = OutboxRetention.deliveredFor(outbox.getDeliveredRetention());
    return outbox.getDeadLetterRetention() == null ? delivered : delivered.withDeadLetters(outbox.getDeadLetterRetention());
  }

  /** The review to the configured recipients; none configured, no review. */
  static Optional<MonthlyReview> monthlyReview(LicensekitProperties.MonthlyReview review) {
    if (review.getRecipients().isEmpty()) {
      return Optional.empty();
    }
    return Optional.of(new MonthlyReview(review.getRecipients().stream()
        .map(c -> new AlertContact(UserId.of(c.getUser()), c.getName(), c.getEmail())).toList(),
        review.getUnusedAfterDays(), review.getEndingWithinDays()));
  }
}
