package org.licensekit.spring.admin;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.licensekit.core.Licensing;
import org.licensekit.spring.LicensekitAutoConfiguration;
import org.licensekit.spring.web.LicensekitWebMvcAutoConfiguration;
import org.licensekit.spring.web.LicensingPrincipalResolver;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.test.context.runner.WebApplicationContextRunner;
import org.springframework.boot.webmvc.autoconfigure.WebMvcAutoConfiguration;

/** When the admin API is configured: only on request, only in a servlet web application, with or without springdoc. */
class AdminApiAutoConfigurationTest {

  private final WebApplicationContextRunner web = new WebApplicationContextRunner()
      .withConfiguration(AutoConfigurations.of(LicensekitAutoConfiguration.class, LicensekitWebMvcAutoConfiguration.class,
          WebMvcAutoConfiguration.class, LicensekitAdminApiAutoConfiguration.class))
      .withBean(LicensingPrincipalResolver.class, () -> request -> Optional.empty());

  @Test
  void isOffByDefault() {
    web.run(context -> {
      assertThat(context).hasNotFailed().hasSingleBean(Licensing.class);
      assertThat(context).doesNotHaveBean(LicensekitAdminApiAutoConfiguration.class).doesNotHaveBean(PoolsController.class)
          .doesNotHaveBean(AdminSessions.class);
    });
  }

  @Test
  void isOnWithTheProperty() {
    web.withPropertyValues("licensekit.web.admin-api.enabled=true").run(context -> {
      assertThat(context).hasNotFailed();
      assertThat(context).hasSingleBean(PoolsController.class).hasSingleBean(UsersController.class)
          .hasSingleBean(ClaimsController.class).hasSingleBean(BulkController.class).hasSingleBean(ReportsController.class)
          .hasSingleBean(AccessController.class).hasSingleBean(AuditController.class).hasSingleBean(AdminApiExceptionHandler.class)
          .hasSingleBean(BulkRuns.class);
    });
  }

  @Test
  void backsOffWithoutAWebApplication() {
    new ApplicationContextRunner()
        .withConfiguration(AutoConfigurations.of(LicensekitAutoConfiguration.class, LicensekitAdminApiAutoConfiguration.class))
        .withPropertyValues("licensekit.web.admin-api.enabled=true")
        .run(context -> {
          assertThat(context).hasNotFailed().hasSingleBean(Licensing.class);
          assertThat(context).doesNotHaveBean(PoolsController.class).doesNotHaveBean(AdminSessions.class);
        });
  }

  @Test
  void backsOffWhenLicenseKitIsOff() {
    web.withPropertyValues("licensekit.web.admin-api.enabled=true", "licensekit.enabled=false").run(context -> {
      assertThat(context).hasNotFailed().doesNotHaveBean(Licensing.class).doesNotHaveBean(PoolsController.class);
    });
  }

  @Test
  void worksWithoutSpringdoc() {
    web.withPropertyValues("licensekit.web.admin-api.enabled=true")
        .withClassLoader(new FilteredClassLoader("org.springdoc", "io.swagger"))
        .run(context -> {
          assertThat(context).hasNotFailed();
          assertThat(context.getClassLoader().getClass()).isEqualTo(FilteredClassLoader.class);
          assertThat(context).hasSingleBean(PoolsController.class).hasSingleBean(AuditController.class);
        });
  }

  @Test
  void aBadBasePathStopsStartUpNamingTheProperty() {
    web.withPropertyValues("licensekit.web.admin-api.enabled=true", "licensekit.web.admin-api.base-path=api/").run(context -> {
      assertThat(context).hasFailed();
      assertThat(context.getStartupFailure()).rootCause().hasMessageContaining("web.adminApi.basePath");
    });
  }
}
