package org.licensekit.examples.lms.web;

import java.util.Arrays;
import java.util.List;
import org.licensekit.core.ActorSession;
import org.licensekit.core.api.ClaimCondition;
import org.licensekit.core.domain.AccountStatus;
import org.licensekit.core.domain.ChangeType;
import org.licensekit.core.domain.ClaimStatus;
import org.springframework.ui.Model;

/** The choices filter forms offer: organizations, roles, job profiles, products, statuses. */
final class ReferenceData {

  private ReferenceData() {}

  static void addTo(Model model, ActorSession administrator) {
    model.addAttribute("organizations", administrator.users().organizations());
    model.addAttribute("roles", administrator.catalog().roles());
    model.addAttribute("profiles", administrator.catalog().jobProfiles());
    model.addAttribute("products", administrator.catalog().products());
    model.addAttribute("accountStatuses", List.of(AccountStatus.values()));
    model.addAttribute("claimStatuses", List.of(ClaimStatus.values()));
    model.addAttribute("claimConditions", List.of(ClaimCondition.Status.values()));
    model.addAttribute("changeTypes", Arrays.stream(ChangeType.values()).sorted((a, b) -> a.name().compareTo(b.name())).toList());
  }
}
