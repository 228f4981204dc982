package org.licensekit.spring.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.util.Optional;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.licensekit.core.Licensing;
import org.licensekit.core.domain.TenantId;
import org.licensekit.core.domain.UserId;
import org.licensekit.spring.TestFixtures;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.context.annotation.Bean;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/** The guard on a real Spring MVC stack: allowed, denied with a problem document, unknown principal. */
@SpringBootTest(classes = RequiresLicenseGuardTest.App.class, properties = {
    "spring.autoconfigure.exclude=org.springframework.boot.security.autoconfigure.SecurityAutoConfiguration,"
        + "org.springframework.boot.security.autoconfigure.web.servlet.ServletWebSecurityAutoConfiguration,"
        + "org.springframework.boot.security.autoconfigure.UserDetailsServiceAutoConfiguration,"
        + "org.springframework.boot.security.autoconfigure.actuate.web.servlet.ManagementWebSecurityAutoConfiguration",
    "spring.datasource.url=jdbc:h2:mem:guard;DB_CLOSE_DELAY=-1"})
@AutoConfigureMockMvc
class RequiresLicenseGuardTest {

  private static boolean seeded;

  @Autowired
  MockMvc mvc;

  @Autowired
  Licensing licensing;

  @BeforeAll
  static void reset() {
    seeded = false;
  }

  private void seed() {
    if (!seeded) {
      TestFixtures.seed(licensing, 5);
      TestFixtures.claim(licensing, TestFixtures.teacher(licensing, "ana"));
      TestFixtures.teacher(licensing, "bob");
      seeded = true;
    }
  }

  @Test
  void aUserHoldingAnActiveClaimGetsThrough() throws Exception {
    seed();
    mvc.perform(get("/observations").header("X-Tenant", "district-42").header("X-User", "ana"))
        .andExpect(status().isOk()).andExpect(content().string("observations of ana"));
  }

  @Test
  void aUserWithAPendingClaimIsDeniedWithTheReasonsAndHints() throws Exception {
    seed();
    mvc.perform(get("/observations").header("X-Tenant", "district-42").header("X-User", "bob"))
        .andExpect(status().isForbidden())
        .andExpect(content().contentTypeCompatibleWith("application/problem+json"))
        .andExpect(jsonPath("$.type").value(RequiresLicenseInterceptor.ACCESS_DENIED_TYPE))
        .andExpect(jsonPath("$.status").value(403))
        .andExpect(jsonPath("$.title").value("License required"))
        .andExpect(jsonPath("$.product").value("observation"))
        .andExpect(jsonPath("$.user").value("bob"))
        .andExpect(jsonPath("$.instance").value("/observations"))
        .andExpect(jsonPath("$.reasons[0].code").value("CLAIM_PENDING"))
        .andExpect(jsonPath("$.reasons[0].hint").value("Ask the user to claim the license (activate it) on first use."));
  }

  @Test
  void theAnnotationOnTheClassGuardsEveryHandler() throws Exception {
    seed();
    mvc.perform(get("/reports/observation").header("X-Tenant", "district-42").header("X-User", "bob"))
        .andExpect(status().isForbidden()).andExpect(jsonPath("$.reasons[0].code").value("CLAIM_PENDING"));
    mvc.perform(get("/reports/observation").header("X-Tenant", "district-42").header("X-User", "ana"))
        .andExpect(status().isOk());
  }

  @Test
  void anUnknownUserOrTenantIsAForbiddenNeverAServerError() throws Exception {
    seed();
    mvc.perform(get("/observations").header("X-Tenant", "district-42").header("X-User", "ghost"))
        .andExpect(status().isForbidden()).andExpect(jsonPath("$.reasons[0].code").value("UNKNOWN_USER"));
    mvc.perform(get("/observations").header("X-Tenant", "nowhere").header("X-User", "ana"))
        .andExpect(status().isForbidden()).andExpect(jsonPath("$.reasons[0].code").value("UNKNOWN_USER"));
  }

  @Test
  void aRequestNobodyIsResolvedForIsForbidden() throws Exception {
    mvc.perform(get("/observations"))
        .andExpect(status().isForbidden())
        .andExpect(content().contentTypeCompatibleWith("application/problem+json"))
        .andExpect(jsonPath("$.type").value(RequiresLicenseInterceptor.UNKNOWN_PRINCIPAL_TYPE))
        .andExpect(jsonPath("$.reasons[0].code").value("UNKNOWN_PRINCIPAL"));
  }

  @Test
  void aPrincipalThatIsNoValidLicenseKitIdIsForbiddenNotAServerError() throws Exception {
    mvc.perform(get("/observations").header("X-Tenant", "district-42").header("X-User", "Ana Lopez"))
        .andExpect(status().isForbidden())
        .andExpect(jsonPath("$.type").value(RequiresLicenseInterceptor.UNKNOWN_PRINCIPAL_TYPE));
  }

  @Test
  void unguardedHandlersNeedNoPrincipal() throws Exception {
    mvc.perform(get("/open")).andExpect(status().isOk());
  }

  @Test
  void anAllowedRequestCarriesItsDecision() throws Exception {
    seed();
    var result = mvc.perform(get("/observations").header("X-Tenant", "district-42").header("X-User", "ana")).andReturn();
    assertThat(result.getRequest().getAttribute(RequiresLicenseInterceptor.DECISION_ATTRIBUTE)).isNotNull();
  }

  @SpringBootConfiguration
  @EnableAutoConfiguration
  static class App {

    @Bean
    LicensingPrincipalResolver headerResolver() {
      return request -> {
        String tenant = request.getHeader("X-Tenant");
        String user = request.getHeader("X-User");
        if (tenant == null || user == null) {
          return Optional.empty();
        }
        return Optional.of(LicensingPrincipal.of(TenantId.of(tenant), UserId.of(user)));
      };
    }

    @Bean
    ObservationController observationController() {
      return new ObservationController();
    }

    @Bean
    ReportController reportController() {
      return new ReportController();
    }
  }

  @RestController
  static class ObservationController {
    @GetMapping("/observations")
    @RequiresLicense("observation")
    String observations(jakarta.servlet.http.HttpServletRequest request) {
      return "observations of " + request.getHeader("X-User");
    }

    @GetMapping("/open")
    String open() {
      return "open";
    }
  }

  @RestController
  @RequiresLicense("observation")
  static class ReportController {
    @GetMapping("/reports/observation")
    String report() {
      return "report";
    }
  }
}
