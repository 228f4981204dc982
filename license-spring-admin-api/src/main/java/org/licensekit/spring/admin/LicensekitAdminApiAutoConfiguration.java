package org.licensekit.spring.admin;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
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
import org.springframework.core.env.Environment;
import org.springframework.web.method.HandlerMethod;
import org.springframework.web.servlet.DispatcherServlet;
import org.springframework.web.servlet.HandlerInterceptor;
import org.springframework.web.servlet.config.annotation.InterceptorRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

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

  /**
   * Resolves each admin API request's principal before its body or parameters are read, so a
   * request nobody is resolved for is refused (403) whatever else is wrong with it.
   */
  @Bean
  WebMvcConfigurer licensekitAdminApiPrincipalCheck(AdminSessions sessions, Environment environment) {
    String base = environment.resolvePlaceholders(Routes.BASE);
    return new WebMvcConfigurer() {
      @Override
      public void addInterceptors(InterceptorRegistry registry) {
        registry.addInterceptor(new HandlerInterceptor() {
          @Override
          public boolean preHandle(HttpServletRequest request, HttpServletResponse response, Object handler) {
            if (handler instanceof HandlerMethod method && method.getBeanType().getPackageName().equals(AdminSessions.class.getPackageName())) {
              sessions.principal(request);
            }
            return true;
          }
        }).addPathPatterns(base + "/**");
      }
    };
  }

  @Bean
  BulkRuns licensekitAdminBulkRuns(LicensekitProperties properties, ObjectProvider<Clock> clock) {
    return new BulkRuns(properties.getWeb().getAdminApi().getBulkThreads(), clock.getIfUnique(Clock::systemUTC));
  }
}
