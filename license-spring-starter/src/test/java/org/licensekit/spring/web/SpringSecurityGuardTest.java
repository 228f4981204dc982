package org.licensekit.spring.web;

import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.licensekit.core.Licensing;
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

/** The guard behind Spring Security's own filter chain, with the starter's default principal resolver. */
@SpringBootTest(classes = SpringSecurityGuardTest.App.class, properties = {
    "spring.datasource.url=jdbc:h2:mem:security-guard;DB_CLOSE_DELAY=-1", "licensekit.web.default-tenant=district-42"})
@AutoConfigureMockMvc
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class SpringSecurityGuardTest {

  @Autowired
  MockMvc mvc;

  @Autowired
  Licensing licensing;

  @BeforeAll
  void seed() {
    TestFixtures.seed(licensing, 5);
    TestFixtures.claim(licensing, TestFixtures.teacher(licensing, "ana"));
    TestFixtures.teacher(licensing, "bob");
  }

  @Test
  void theSignedInUserWithAnActiveClaimGetsThrough() throws Exception {
    mvc.perform(get("/observations").with(user("ana"))).andExpect(status().isOk()).andExpect(content().string("ok"));
  }

  @Test
  void theTenantAuthorityWinsOverTheDefaultTenant() throws Exception {
    mvc.perform(get("/observations").with(user("ana").authorities(() -> "LICENSEKIT_TENANT_other-district")))
        .andExpect(status().isForbidden())
        .andExpect(jsonPath("$.tenant").value("other-district"))
        .andExpect(jsonPath("$.reasons[0].code").value("UNKNOWN_USER"));
  }

  @Test
  void aSignedInUserWithAPendingClaimIsDenied() throws Exception {
    mvc.perform(get("/observations").with(user("bob")))
        .andExpect(status().isForbidden())
        .andExpect(jsonPath("$.user").value("bob"))
        .andExpect(jsonPath("$.reasons[0].code").value("CLAIM_PENDING"));
  }

  @Test
  void anAnonymousRequestNeverReachesTheGuard() throws Exception {
    mvc.perform(get("/observations")).andExpect(status().isUnauthorized());
  }

  @SpringBootConfiguration
  @EnableAutoConfiguration
  static class App {
    @Bean
    Observations observations() {
      return new Observations();
    }
  }

  @RestController
  static class Observations {
    @GetMapping("/observations")
    @RequiresLicense("observation")
    String observations() {
      return "ok";
    }
  }
}
