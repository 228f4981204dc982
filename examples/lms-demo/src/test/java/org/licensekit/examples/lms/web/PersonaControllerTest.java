package org.licensekit.examples.lms.web;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class PersonaControllerTest {

  @Test
  void theSwitchReturnsToThePageItWasUsedOn() {
    assertThat(PersonaController.back("http://localhost:8080/claims?status=PENDING&limit=10")).isEqualTo("/claims?status=PENDING&limit=10");
    assertThat(PersonaController.back("http://localhost:8080/users/ana.lopez")).isEqualTo("/users/ana.lopez");
  }

  @Test
  void aPageThatAnsweredAFormPostGoesBackToItsSection() {
    assertThat(PersonaController.back("http://localhost:8080/reconciliation/apply")).isEqualTo("/reconciliation");
    assertThat(PersonaController.back("http://localhost:8080/users/bulk/preview")).isEqualTo("/users/bulk");
    assertThat(PersonaController.back("http://localhost:8080/unused/reclaim")).isEqualTo("/unused");
  }

  @Test
  void noOrForeignRefererGoesToTheDashboard() {
    assertThat(PersonaController.back(null)).isEqualTo("/");
    assertThat(PersonaController.back("")).isEqualTo("/");
    assertThat(PersonaController.back("not a url at all")).isEqualTo("/");
  }
}
