package org.licensekit.examples.lms;

import static org.assertj.core.api.Assertions.assertThat;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.licensekit.core.TenantLicensing;
import org.licensekit.core.api.UserFilter;
import org.licensekit.core.api.report.Dashboard;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * The documented switch to PostgreSQL: the same app with {@code spring.datasource.*} pointing at a
 * real PostgreSQL 17 (embedded, started here) migrates, seeds and serves the dashboard.
 */
class PostgresDemoTest {

  @Test
  void theDemoRunsOnPostgresqlWhenTheDataSourcePointsThere() throws Exception {
    try (EmbeddedPostgres postgres = EmbeddedPostgres.builder().start()) {
      String url = postgres.getJdbcUrl("postgres", "postgres") + "&reWriteBatchedInserts=true";
      SpringApplication app = new SpringApplication(LmsDemoApplication.class);
      app.setDefaultProperties(Map.of());
      try (ConfigurableApplicationContext context = app.run(
          "--spring.datasource.url=" + url, "--spring.datasource.username=postgres", "--spring.datasource.password=",
          "--licensekit.demo.users=120", "--server.port=0")) {
        TenantLicensing district = context.getBean(TenantLicensing.class);
        assertThat(district.as(Persona.ADMIN.actor()).bulk().count(UserFilter.all())).isEqualTo(120);
        Dashboard dashboard = district.as(Persona.ADMIN.actor()).reports().dashboard();
        assertThat(dashboard.total().assigned()).isPositive();
        assertThat(district.as(Persona.ADMIN.actor()).reports().reconcile(true).found()).isNotEmpty();

        int port = ((WebServerApplicationContext) context).getWebServer().getPort();
        HttpResponse<String> page = HttpClient.newHttpClient().send(
            HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/")).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.body()).contains("License Dashboard", String.valueOf(dashboard.total().assigned()));
      }
    }
  }
}
