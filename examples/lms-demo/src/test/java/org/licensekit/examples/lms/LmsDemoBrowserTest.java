package org.licensekit.examples.lms;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;
import org.licensekit.core.ActorSession;
import org.licensekit.core.TenantLicensing;
import org.licensekit.core.api.AccessDecision;
import org.licensekit.core.api.AuditQuery;
import org.licensekit.core.api.DefaultCatalog;
import org.licensekit.core.api.UserFilter;
import org.licensekit.core.api.report.ClaimRow;
import org.licensekit.core.api.report.ClaimSortKey;
import org.licensekit.core.api.report.ClaimsQuery;
import org.licensekit.core.api.report.Dashboard;
import org.licensekit.core.api.report.DashboardOptions;
import org.licensekit.core.api.report.Page;
import org.licensekit.core.api.report.ProductSeats;
import org.licensekit.core.api.report.ReconciliationResult;
import org.licensekit.core.domain.ClaimStatus;
import org.licensekit.core.domain.UserId;
import org.licensekit.reports.csv.ClaimsCsvExport;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.ActiveProfiles;

/**
 * The demo in a real headless Chromium: every figure the pages show is checked against what
 * LicenseKit's API answers at the same moment, and every test saves a screenshot under
 * {@code target/screenshots}.
 */
@ExtendWith(Chromium.class)
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles("e2e")
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class LmsDemoBrowserTest {

  private static final Path SCREENSHOTS = Path.of("target", "screenshots");

  @LocalServerPort
  int port;

  @Autowired
  TenantLicensing district;

  private ChromeDriver browser;
  private Path downloads;

  @BeforeAll
  void startBrowser() throws IOException {
    Files.createDirectories(SCREENSHOTS);
    Path root = Files.createDirectories(Path.of("target", "e2e-browser"));
    downloads = Files.createTempDirectory(root, "downloads");
    browser = Chromium.start(Files.createTempDirectory(root, "profile"), downloads);
  }

  @AfterAll
  void stopBrowser() {
    if (browser != null) {
      browser.quit();
    }
  }

  private ActorSession admin() {
    return district.as(Persona.ADMIN.actor());
  }

  @Test
  void dashboardFiguresEqualTheApisForTheDistrictAndForOneSchool() {
    actAs(Persona.ADMIN);
    open("/");
    waitFor(() -> "ready".equals(browser.findElement(By.tagName("body")).getAttribute("data-charts")));
    assertDashboardShows(admin().reports().dashboard());
    screenshot("dashboard");

    new Select(browser.findElement(By.id("org"))).selectByValue(DemoUsers.OAK_ELEMENTARY.value());
    waitFor(() -> browser.getCurrentUrl().contains("org=" + DemoUsers.OAK_ELEMENTARY.value()));
    Dashboard oak = admin().reports().dashboard(DashboardOptions.builder().organization(DemoUsers.OAK_ELEMENTARY).build());
    assertDashboardShows(oak);
    if (oak.total().purchased() == 0) {
      assertThat(browser.findElement(By.id("org-scope-note")).getText()).as("why a school shows no seats").contains("district-wide");
    }
    assertThat(oak.total().assigned()).isLessThan(admin().reports().dashboard().total().assigned());
    screenshot("dashboard-oak-elementary");

    new Select(browser.findElement(By.id("org"))).selectByValue(DemoUsers.RIVERSIDE_HIGH.value());
    waitFor(() -> browser.getCurrentUrl().contains("org=" + DemoUsers.RIVERSIDE_HIGH.value()));
    Dashboard riverside = admin().reports().dashboard(DashboardOptions.builder().organization(DemoUsers.RIVERSIDE_HIGH).build());
    assertThat(riverside.total().purchased()).as("Riverside High's own coaching pool").isPositive();
    assertDashboardShows(riverside);
    assertThat(browser.findElements(By.id("org-scope-note"))).as("a school with a pool of its own needs no note").isEmpty();
    screenshot("dashboard-riverside-high");
  }

  private void assertDashboardShows(Dashboard dashboard) {
    assertThat(number(By.id("total-purchased"))).isEqualTo(dashboard.total().purchased());
    assertThat(number(By.id("total-assigned"))).isEqualTo(dashboard.total().assigned());
    assertThat(number(By.id("total-available"))).isEqualTo(dashboard.total().available());
    List<WebElement> rows = browser.findElements(By.cssSelector("#product-table tbody tr"));
    assertThat(rows).hasSize(dashboard.products().size());
    for (ProductSeats product : dashboard.products()) {
      WebElement row = browser.findElement(By.cssSelector("#product-table tr[data-product='" + product.product().value() + "']"));
      assertThat(Integer.parseInt(row.findElement(By.cssSelector(".purchased")).getText())).isEqualTo(product.seats().purchased());
      assertThat(Integer.parseInt(row.findElement(By.cssSelector(".assigned")).getText())).isEqualTo(product.seats().assigned());
      assertThat(Integer.parseInt(row.findElement(By.cssSelector(".available")).getText())).isEqualTo(product.seats().available());
      assertThat(Integer.parseInt(row.findElement(By.cssSelector(".waiting")).getText())).isEqualTo(dashboard.waiting(product.product()));
    }
    assertThat(browser.findElements(By.cssSelector("#alerts li"))).hasSize(dashboard.alerts().size());
    // Both charts drew something: a canvas Chart.js has painted is not blank.
    for (String chart : List.of("seat-chart", "trend-chart")) {
      Object painted = ((JavascriptExecutor) browser).executeScript(
          "var c = document.getElementById(arguments[0]); var d = c.getContext('2d').getImageData(0, 0, c.width, c.height).data;"
              + " for (var i = 3; i < d.length; i += 4) { if (d[i] !== 0) { return true; } } return false;", chart);
      assertThat(painted).as(chart + " painted").isEqualTo(true);
    }
  }

  @Test
  void bulkActionPreviewsAsADryRunThenRunsWithProgressAndPerUserOutcomes() {
    actAs(Persona.ADMIN);
    UserFilter teachersAtMaple = UserFilter.builder().organizationWithSubOrganizations(DemoUsers.MAPLE_ELEMENTARY)
        .jobProfile(DefaultCatalog.TEACHER).build();
    UserFilter observersAtMaple = UserFilter.builder().organization(DemoUsers.MAPLE_ELEMENTARY).role(DefaultCatalog.OBSERVER).build();
    long selected = admin().bulk().count(teachersAtMaple);
    long observersBefore = admin().bulk().count(observersAtMaple);
    int auditBefore = auditSize();
    assertThat(selected).isGreaterThan(20);

    open("/users/bulk");
    select("org", DemoUsers.MAPLE_ELEMENTARY.value());
    select("profile", DefaultCatalog.TEACHER.value());
    select("action", "GRANT_ROLE");
    select("targetOrg", DemoUsers.MAPLE_ELEMENTARY.value());
    select("targetRole", DefaultCatalog.OBSERVER.value());
    browser.findElement(By.id("reason")).sendKeys("Peer observation pilot at Maple");
    browser.findElement(By.id("preview-button")).click();

    waitFor(() -> !browser.findElements(By.id("preview")).isEmpty());
    assertThat(number(By.id("preview-selected"))).isEqualTo(selected);
    long willChange = number(By.id("preview-done"));
    assertThat(willChange).isPositive().isLessThanOrEqualTo(selected);
    assertThat(admin().bulk().count(observersAtMaple)).as("a dry run changes nothing").isEqualTo(observersBefore);
    assertThat(auditSize()).as("a dry run records nothing").isEqualTo(auditBefore);
    screenshot("bulk-preview");

    browser.findElement(By.id("run-button")).click();
    waitFor(() -> browser.getCurrentUrl().contains("/users/bulk/jobs/"));
    // The bar starts at 0% width (which Selenium counts as not displayed), so check its track.
    // The page reloads itself once the job finishes, so the track is looked up afresh until it answers.
    // Every lookup until the outcomes show waits through that reload (an element may be gone for a moment).
    waitFor(() -> displayed(By.cssSelector("#job .progress")));
    waitFor(() -> browser.findElements(By.id("progress-bar")).size() == 1);
    waitFor(() -> !browser.findElements(By.id("outcomes")).isEmpty());
    assertThat(browser.findElement(By.id("progress-bar")).getAttribute("style")).contains("width: 100%");
    assertThat(browser.findElement(By.id("progress-done")).getText()).isEqualTo(String.valueOf(selected));
    assertThat(number(By.id("result-selected"))).isEqualTo(selected);
    assertThat(number(By.id("result-done"))).as("the run did what the dry run said").isEqualTo(willChange);
    List<WebElement> outcomes = browser.findElements(By.cssSelector("#outcome-table tbody tr"));
    assertThat(outcomes).as("one outcome per selected user").hasSize((int) selected);
    assertThat(outcomes.stream().filter(row -> row.getText().contains("DONE")).count()).isEqualTo(willChange);
    assertThat(admin().bulk().count(observersAtMaple)).isEqualTo(observersBefore + willChange);
    screenshot("bulk-outcomes");
  }

  @Test
  void claimsAreFilteredSortedPagedAndDownloadedAsCsv() throws Exception {
    actAs(Persona.ADMIN);
    open("/claims");
    select("product", DemoUsers.COACHING.value());
    browser.findElement(By.id("status-PENDING")).click();
    select("sort", ClaimSortKey.ASSIGNED_AT.name());
    select("direction", "ASCENDING");
    WebElement limit = browser.findElement(By.id("limit"));
    limit.clear();
    limit.sendKeys("10");
    browser.findElement(By.id("apply-filter")).click();
    waitFor(() -> browser.getCurrentUrl().contains("limit=10"));

    ClaimsQuery query = ClaimsQuery.builder().product(DemoUsers.COACHING).status(ClaimStatus.PENDING)
        .sortBy(ClaimSortKey.ASSIGNED_AT).limit(10).build();
    Page<ClaimRow> first = admin().reports().claims(query);
    assertThat(shownClaimIds()).isEqualTo(ids(first));
    assertThat(browser.findElements(By.cssSelector("#claims-table .c-status"))).allSatisfy(s -> assertThat(s.getText()).isEqualTo("PENDING"));
    assertThat(browser.findElements(By.cssSelector("#claims-table .c-product"))).allSatisfy(s -> assertThat(s.getText()).isEqualTo("coaching"));
    List<String> assigned = browser.findElements(By.cssSelector("#claims-table .c-assigned")).stream().map(WebElement::getText).toList();
    assertThat(assigned).isSorted();
    screenshot("claims-first-page");

    browser.findElement(By.id("next-page")).click();
    waitFor(() -> browser.getCurrentUrl().contains("cursor="));
    Page<ClaimRow> second = admin().reports().claims(query.toBuilder().cursor(first.nextCursor().orElseThrow()).build());
    assertThat(shownClaimIds()).isEqualTo(ids(second)).doesNotContainAnyElementsOf(ids(first));
    screenshot("claims-second-page");

    browser.findElement(By.id("csv-link")).click();
    Path csv = downloads.resolve("license-claims.csv");
    waitFor(() -> Files.exists(csv) && !hasPartialDownload());
    CSVParser parser = CSVFormat.RFC4180.builder().setHeader().setSkipHeaderRecord(true).get()
        .parse(new StringReader(Files.readString(csv, StandardCharsets.UTF_8)));
    List<CSVRecord> records = parser.getRecords();
    assertThat(parser.getHeaderNames()).isEqualTo(ClaimsCsvExport.HEADER);
    long expected = 0;
    List<String> expectedIds = new ArrayList<>();
    Page<ClaimRow> page = admin().reports().claims(query.toBuilder().limit(ClaimsQuery.MAX_LIMIT).build());
    while (true) {
      page.items().forEach(r -> expectedIds.add(r.claim().value()));
      expected += page.items().size();
      if (!page.hasNext()) {
        break;
      }
      page = admin().reports().claims(query.toBuilder().limit(ClaimsQuery.MAX_LIMIT).cursor(page.nextCursor().get()).build());
    }
    assertThat(records).hasSize((int) expected);
    assertThat(records.stream().map(r -> r.get("claim_id")).toList()).isEqualTo(expectedIds);
    assertThat(records).allSatisfy(r -> {
      assertThat(r.get("status")).isEqualTo("PENDING");
      assertThat(r.get("product")).isEqualTo("coaching");
    });
  }

  @Test
  void theTroubleshooterGivesEveryReasonInOrderWithHints() {
    actAs(Persona.ADMIN);
    open("/troubleshoot");
    browser.findElement(By.id("ts-user")).sendKeys(DemoUsers.BEN.value());
    browser.findElement(By.id("ts-check")).click();
    waitFor(() -> !browser.findElements(By.id("decisions")).isEmpty());
    List<AccessDecision> expected = admin().access().explain(DemoUsers.BEN);
    List<WebElement> cards = browser.findElements(By.cssSelector("#decisions .decision"));
    assertThat(cards).hasSize(expected.size());
    for (AccessDecision decision : expected) {
      WebElement card = browser.findElement(By.cssSelector("#decisions .decision[data-product='" + decision.product().value() + "']"));
      List<String> codes = card.findElements(By.cssSelector(".reasons li")).stream().map(li -> li.getAttribute("data-code")).toList();
      assertThat(codes).isEqualTo(decision.reasons().stream().map(r -> r.code()).toList());
      decision.reasons().forEach(r -> assertThat(card.getText()).contains(r.hint()));
    }
    WebElement observation = browser.findElement(By.cssSelector("#decisions .decision[data-product='observation']"));
    assertThat(observation.getText()).contains("access denied", "CLAIM_PENDING", "Ask the user to claim the license");
    screenshot("troubleshoot");

    open("/troubleshoot?user=nobody.here");
    assertThat(browser.findElement(By.id("error-user")).getText()).contains("no user 'nobody.here'");
  }

  @Test
  void reconciliationShowsTheDiscrepanciesAndAppliesTheirFixes() {
    actAs(Persona.ADMIN);
    ReconciliationResult before = admin().reports().reconcile(true);
    assertThat(before.found()).isNotEmpty();
    open("/reconciliation");
    assertThat(browser.findElements(By.cssSelector("#discrepancies tbody tr"))).hasSize(before.found().size());
    screenshot("reconciliation-dry-run");

    browser.findElement(By.id("apply-button")).click();
    waitFor(() -> !browser.findElements(By.id("applied")).isEmpty());
    assertThat(number(By.id("applied-found"))).isEqualTo(before.found().size());
    assertThat(browser.findElements(By.id("clean"))).hasSize(1);
    assertThat(admin().reports().reconcile(true).clean()).isTrue();
    screenshot("reconciliation-applied");
  }

  @Test
  void aBadNewUserFormShowsFieldErrorsAndWritesNothing() {
    actAs(Persona.ADMIN);
    int auditBefore = auditSize();
    long usersBefore = admin().bulk().count(UserFilter.all());
    open("/users/new");
    browser.findElement(By.name("id")).sendKeys("new.hire");
    browser.findElement(By.name("email")).sendKeys("not-an-email");
    select("organization", DemoUsers.LINCOLN_MIDDLE.value());
    select("profile", DefaultCatalog.TEACHER.value());
    browser.findElement(By.id("register")).click();
    waitFor(() -> !browser.findElements(By.id("form-errors")).isEmpty());
    assertThat(browser.findElement(By.id("error-name")).getText()).isNotBlank();
    assertThat(browser.findElement(By.id("error-email")).getText()).isNotBlank();
    assertThat(browser.findElement(By.name("id")).getAttribute("value")).as("the form keeps what was typed").isEqualTo("new.hire");
    screenshot("new-user-field-errors");
    assertThat(admin().users().find(UserId.of("new.hire"))).isEmpty();
    assertThat(admin().bulk().count(UserFilter.all())).isEqualTo(usersBefore);
    assertThat(auditSize()).isEqualTo(auditBefore);

    WebElement name = browser.findElement(By.name("name"));
    name.sendKeys("Nia Hart");
    WebElement email = browser.findElement(By.name("email"));
    email.clear();
    email.sendKeys("nia.hart@riverside.example");
    browser.findElement(By.id("register")).click();
    waitFor(() -> !browser.findElements(By.id("flash")).isEmpty());
    assertThat(browser.findElement(By.id("flash")).getText()).contains("Registered Nia Hart", "pending license(s) assigned", "invitation sent");
    assertThat(admin().users().find(UserId.of("new.hire"))).isPresent();
    assertThat(browser.findElements(By.cssSelector("#memberships li"))).hasSize(1);
    screenshot("new-user-registered");
  }

  @Test
  void theGuardedProductPageLetsTheLicensedTeacherInAndTellsTheOthersWhyNot() {
    actAs(Persona.TEACHER);
    open("/products/observation");
    waitFor(() -> !browser.findElements(By.cssSelector("#product-content, #product-denied")).isEmpty());
    assertThat(browser.findElements(By.id("product-content"))).hasSize(1);
    assertThat(district.access().check(DemoUsers.ANA, DemoUsers.OBSERVATION).allowed()).isTrue();
    screenshot("product-allowed");

    actAs(Persona.NEW_TEACHER);
    open("/products/observation");
    waitFor(() -> !browser.findElements(By.cssSelector("#product-content, #product-denied")).isEmpty());
    assertThat(browser.findElements(By.id("product-content"))).isEmpty();
    List<String> codes = browser.findElements(By.cssSelector("#product-denied li")).stream().map(li -> li.getAttribute("data-code")).toList();
    assertThat(codes).isEqualTo(district.access().check(DemoUsers.BEN, DemoUsers.OBSERVATION).reasons().stream().map(r -> r.code()).toList())
        .contains("CLAIM_PENDING");
    screenshot("product-denied");

    actAs(Persona.ADMIN);
    open("/products/observation");
    waitFor(() -> !browser.findElements(By.cssSelector("#product-content, #product-denied")).isEmpty());
    assertThat(browser.findElement(By.id("product-denied")).getText()).contains("UNKNOWN_PRINCIPAL");
  }

  @Test
  void unusedLicensesAreRemindedReclaimedAndReassigned() {
    actAs(Persona.ADMIN);
    open("/unused?days=30");
    List<WebElement> rows = browser.findElements(By.cssSelector("#unused-table tbody tr"));
    assertThat(rows).hasSizeGreaterThan(3);
    rows.get(0).findElement(By.cssSelector("input[type=checkbox]")).click();
    browser.findElement(By.id("remind-button")).click();
    waitFor(() -> !browser.findElements(By.id("flash")).isEmpty());
    assertThat(browser.findElement(By.id("flash")).getText()).isEqualTo("Sent 1 reminder(s).");

    WebElement row = browser.findElements(By.cssSelector("#unused-table tbody tr")).get(1);
    String claim = row.findElement(By.cssSelector("form[action$='/unused/reclaim'] input[name=claim]")).getAttribute("value");
    row.findElement(By.cssSelector("form[action$='/unused/reclaim'] button")).click();
    waitFor(() -> !browser.findElements(By.id("form-errors")).isEmpty());
    assertThat(browser.findElement(By.id("form-errors")).getText()).contains("reason");
    WebElement refusedRow = browser.findElement(By.cssSelector("#unused-table tbody tr:has(input[value='" + claim + "'])"));
    assertThat(refusedRow.findElement(By.cssSelector(".reclaim-error")).getText()).as("the error sits next to the field")
        .contains("must not be blank");
    assertThat(admin().claims().find(org.licensekit.core.domain.ClaimId.of(claim)).orElseThrow().status())
        .as("a refused reclaim writes nothing").isEqualTo(ClaimStatus.PENDING);
    screenshot("unused-reclaim-refused");

    open("/unused?days=30");
    row = browser.findElement(By.cssSelector("#unused-table tbody tr:has(input[value='" + claim + "'])"));
    row.findElement(By.cssSelector("form[action$='/unused/reclaim'] input[name=reason]")).sendKeys("Not used since spring");
    row.findElement(By.cssSelector("form[action$='/unused/reclaim'] button")).click();
    waitFor(() -> !browser.findElements(By.id("flash")).isEmpty());
    assertThat(browser.findElement(By.id("flash")).getText()).startsWith("Reclaimed");
    assertThat(admin().claims().find(org.licensekit.core.domain.ClaimId.of(claim)).orElseThrow().status()).isEqualTo(ClaimStatus.REVOKED);
    screenshot("unused-reclaimed");
  }

  @Test
  void aReporterReadsReportsButMayNotChangeAnything() {
    actAs(Persona.REPORTER);
    open("/");
    assertThat(number(By.id("total-assigned"))).isEqualTo(admin().reports().dashboard().total().assigned());
    open("/claims");
    assertThat(browser.findElements(By.cssSelector("#claims-table tbody tr[data-claim]"))).isNotEmpty();
    open("/users/" + DemoUsers.ANA.value());
    assertThat(browser.findElement(By.id("hidden-sections")).getText()).contains("Riley Chen may not see", "claims");
    open("/users/new");
    select("organization", DemoUsers.LINCOLN_MIDDLE.value());
    browser.findElement(By.name("id")).sendKeys("reporter.try");
    browser.findElement(By.name("name")).sendKeys("Should Not Exist");
    browser.findElement(By.name("email")).sendKeys("nobody@riverside.example");
    browser.findElement(By.id("register")).click();
    waitFor(() -> !browser.findElements(By.id("problem")).isEmpty());
    assertThat(browser.findElement(By.id("problem")).getText()).contains("may not");
    assertThat(admin().users().find(UserId.of("reporter.try"))).isEmpty();
    screenshot("reporter-refused");
    actAs(Persona.ADMIN);
  }

  // --- helpers -------------------------------------------------------------------------------

  private void open(String path) {
    browser.get("http://localhost:" + port + path);
  }

  private void actAs(Persona persona) {
    if (!browser.getCurrentUrl().startsWith("http://localhost:" + port) || browser.findElements(By.id("persona")).isEmpty()) {
      open("/");
    }
    Select select = new Select(browser.findElement(By.id("persona")));
    if (select.getFirstSelectedOption().getAttribute("value").equals(persona.key())) {
      return;
    }
    WebElement before = browser.findElement(By.id("persona"));
    select.selectByValue(persona.key());
    // The option shows as chosen at once, client-side; wait for the form's round trip to replace the
    // page, or the next navigation races the switch's redirect.
    new WebDriverWait(browser, Duration.ofSeconds(30)).until(ExpectedConditions.stalenessOf(before));
    waitFor(() -> {
      Optional<WebElement> chosen = browser.findElements(By.id("persona")).stream().findFirst();
      return chosen.isPresent() && new Select(chosen.get()).getFirstSelectedOption().getAttribute("value").equals(persona.key());
    });
  }

  private void select(String id, String value) {
    new Select(browser.findElement(byIdOrName(id))).selectByValue(value);
  }

  private By byIdOrName(String key) {
    return browser.findElements(By.id(key)).isEmpty() ? By.name(key) : By.id(key);
  }

  private long number(By by) {
    return Long.parseLong(browser.findElement(by).getText().trim());
  }

  private List<String> shownClaimIds() {
    return browser.findElements(By.cssSelector("#claims-table tbody tr[data-claim]")).stream()
        .map(tr -> tr.getAttribute("data-claim")).toList();
  }

  private static List<String> ids(Page<ClaimRow> page) {
    return page.items().stream().map(r -> r.claim().value()).toList();
  }

  private int auditSize() {
    return admin().audit().query(AuditQuery.builder().limit(10_000).build()).size();
  }

  private boolean hasPartialDownload() {
    try (Stream<Path> files = Files.list(downloads)) {
      return files.anyMatch(p -> p.getFileName().toString().endsWith(".crdownload"));
    } catch (IOException e) {
      return true;
    }
  }

  /** Whether the element is displayed, looked up again if the page replaced it in between (false while it is absent). */
  private boolean displayed(By locator) {
    try {
      List<WebElement> found = browser.findElements(locator);
      return !found.isEmpty() && found.get(0).isDisplayed();
    } catch (StaleElementReferenceException replaced) {
      return false;
    }
  }

  private void waitFor(java.util.function.BooleanSupplier condition) {
    new WebDriverWait(browser, Duration.ofSeconds(30)).until(d -> condition.getAsBoolean());
  }

  /** Saves the whole page (the window grown to the page's height) under target/screenshots. */
  private void screenshot(String name) {
    try {
      Object height = ((JavascriptExecutor) browser).executeScript("return document.documentElement.scrollHeight;");
      Dimension original = browser.manage().window().getSize();
      browser.manage().window().setSize(new Dimension(1400, Math.min(4000, Math.max(900, ((Number) height).intValue() + 40))));
      Files.write(SCREENSHOTS.resolve(name + ".png"), browser.getScreenshotAs(OutputType.BYTES));
      browser.manage().window().setSize(original);
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }
}
