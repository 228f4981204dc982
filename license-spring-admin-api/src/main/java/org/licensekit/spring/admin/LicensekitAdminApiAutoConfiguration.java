package org.licensekit.spring.admin;

import java.time.Clock;
import org.licensekit.core.Licensing;
import org.licensekit.spring.LicensekitAutoConfiguration;
import org.licensekit.spring.LicensekitProperties;
import org.licensekit.spring.web.LicensekitWebMvcAutoConfiguration;
import org.licensekit.spring.web.LicensingPrincipalResolver;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.web.servlet.DispatcherServlet;

/**
 * The admin HTTP API: the admin guide's operations as JSON under
 * {@code licensekit.web.admin-api.base-path} (default {@code /licensekit/api}), each run as the
 * tenant and actor the application's {@link LicensingPrincipalResolver} returns for the request.
 * Only in a servlet web application, only with {@code licensekit.web.admin-api.enabled=true}, and
 * after the starter has made the {@link Licensing} bean. With springdoc on the classpath the routes
 * appear, tagged and described, in its OpenAPI document.
 */
@AutoConfiguration(after = {LicensekitAutoConfiguration.class, LicensekitWebMvcAutoConfiguration.class})
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
@ConditionalOnClass(DispatcherServlet.class)
@ConditionalOnBean(Licensing.class)
@ConditionalOnBooleanProperty(name = "licensekit.web.admin-api.enabled")
@Import({PoolsController.class, UsersController.class, ClaimsController.class, BulkController.class, ReportsController.class,
    AccessController.class, AuditController.class, AdminApiExceptionHandler.class})
public class LicensekitAdminApiAutoConfiguration {

  /** A configuration made by Spring. */
  public LicensekitAdminApiAutoConfiguration() {}

  @Bean
  AdminSessions licensekitAdminSessions(Licensing licensing, ObjectProvider<LicensingPrincipalResolver> resolvers) {
    return new AdminSessions(licensing, resolvers);
  }

  @Bean
  BulkRuns licensekitAdminBulkRuns(LicensekitProperties properties, ObjectProvider<Clock> clock) {
    return new BulkRuns(properties.getWeb().getAdminApi().getBulkThreads(), clock.getIfUnique(Clock::systemUTC));
  }
}
