package org.licensekit.spring.admin;

import static org.assertj.core.api.Assertions.assertThat;
import static org.licensekit.spring.admin.Fixtures.ASSESSMENT;
import static org.licensekit.spring.admin.Fixtures.LINCOLN;
import static org.licensekit.spring.admin.Fixtures.OBSERVATION;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.put;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import com.jayway.jsonpath.JsonPath;
import java.io.StringReader;
import java.time.Instant;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVRecord;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.licensekit.core.ActorSession;
import org.licensekit.core.Licensing;
import org.licensekit.core.api.AuditQuery;
import org.licensekit.core.api.UserFilter;
import org.licensekit.core.api.report.ClaimRow;
import org.licensekit.core.api.report.ClaimsQuery;
import org.licensekit.core.api.report.Dashboard;
import org.licensekit.core.api.report.Page;
import org.licensekit.core.domain.AccountStatus;
import org.licensekit.core.domain.ClaimStatus;
import org.licensekit.core.domain.LicenseClaim;
import org.licensekit.core.api.NewPool;
import org.licensekit.core.domain.PoolId;
import org.licensekit.core.domain.Product;
import org.licensekit.core.domain.ProductId;
import org.licensekit.core.domain.ProductType;
import org.licensekit.core.domain.Term;
import org.licensekit.core.domain.UserId;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.MvcResult;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;

/** The admin API end to end on H2: each route's answer checked against the Java API, refusals and bad input. */
@SpringBootTest(classes = AdminApiTestApp.class, properties = {
    "licensekit.web.admin-api.enabled=true",
    "spring.datasource.url=jdbc:h2:mem:admin-api;DB_CLOSE_DELAY=-1"})
@AutoConfigureMockMvc
class AdminApiTest {

  private static final String API = "/licensekit/api";
  private static boolean seeded;

  @Autowired
  MockMvc mvc;

  @Autowired
  Licensing licensing;

  ActorSession admin;

  @BeforeEach
  void seed() {
    admin = Fixtures.admin(licensing);
    if (!seeded) {
      Fixtures.seed(licensing);
      seeded = true;
    }
  }

  private static MockHttpServletRequestBuilder asAdmin(MockHttpServletRequestBuilder request) {
    return request.header("X-Tenant", "district-42").header("X-Actor", "admin:admin-7");
  }

  private static MockHttpServletRequestBuilder asReporter(MockHttpServletRequestBuilder request) {
    return request.header("X-Tenant", "district-42").header("X-Actor", "reporter:rita");
  }

  private static MockHttpServletRequestBuilder json(MockHttpServletRequestBuilder request, String body) {
    return request.contentType(MediaType.APPLICATION_JSON).content(body);
  }

  private String body(MvcResult result) throws Exception {
    return result.getResponse().getContentAsString();
  }

  /** Audit entries of changes: every entry but the library's record of refused calls. */
  private long auditSize() {
    return admin.audit().count(AuditQuery.builder()
        .actions(java.util.EnumSet.complementOf(java.util.EnumSet.of(org.licensekit.core.domain.ChangeType.ACCESS_REFUSED))).build());
  }

  private long refusalsAudited() {
    return admin.audit().count(AuditQuery.builder().addActions(org.licensekit.core.domain.ChangeType.ACCESS_REFUSED).build());
  }

  @Test
  void poolsAreAddedListedResizedExtendedAndRenewed() throws Exception {
    Instant start = Instant.parse("2026-09-01T00:00:00Z");
    mvc.perform(asAdmin(json(post(API + "/pools"), """
        {"id":"reading-pool","product":"assessment","seats":40,"termStart":"2026-09-01T00:00:00Z",
         "termEnd":"2027-07-01T00:00:00Z","renewalDate":"2027-06-01","reference":"PO-1"}""")))
        .andExpect(status().isCreated())
        .andExpect(header().string("Location", "http://localhost" + API + "/pools/reading-pool"))
        .andExpect(jsonPath("$.id").value("reading-pool"))
        .andExpect(jsonPath("$.seats").value(40))
        .andExpect(jsonPath("$.termStart").value("2026-09-01T00:00:00Z"))
        .andExpect(jsonPath("$.renewalDate").value("2027-06-01"))
        .andExpect(jsonPath("$.scope").doesNotExist());
    assertThat(admin.pools().find(PoolId.of("reading-pool")).orElseThrow().pool().term().start()).isEqualTo(start);

    MvcResult list = mvc.perform(asAdmin(get(API + "/pools"))).andExpect(status().isOk()).andReturn();
    List<String> ids = JsonPath.read(body(list), "$[*].id");
    assertThat(ids).containsExactlyInAnyOrderElementsOf(admin.pools().list().stream().map(p -> p.pool().id().value()).toList());

    mvc.perform(asAdmin(json(put(API + "/pools/reading-pool/seats"), "{\"seats\":55,\"reason\":\"bought more\"}")))
        .andExpect(status().isOk()).andExpect(jsonPath("$.seats").value(55)).andExpect(jsonPath("$.free").value(55));
    assertThat(admin.pools().find(PoolId.of("reading-pool")).orElseThrow().pool().seats()).isEqualTo(55);

    mvc.perform(asAdmin(json(post(API + "/pools/reading-pool/extend"), "{\"newEnd\":\"2027-08-01T00:00:00Z\",\"reason\":\"grace\"}")))
        .andExpect(status().isOk()).andExpect(jsonPath("$.termEnd").value("2027-08-01T00:00:00Z"));
    mvc.perform(asAdmin(json(post(API + "/pools/reading-pool/renew"), """
        {"termStart":"2027-08-01T00:00:00Z","termEnd":"2028-08-01T00:00:00Z","renewalDate":"2028-07-01","reason":"renewed"}""")))
        .andExpect(status().isOk()).andExpect(jsonPath("$.termEnd").value("2028-08-01T00:00:00Z"))
        .andExpect(jsonPath("$.renewalDate").value("2028-07-01"));
    assertThat(admin.pools().find(PoolId.of("reading-pool")).orElseThrow().pool().term().end())
        .isEqualTo(Instant.parse("2028-08-01T00:00:00Z"));

    mvc.perform(asAdmin(get(API + "/pools/no-such-pool"))).andExpect(status().isNotFound())
        .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
        .andExpect(jsonPath("$.code").value("NOT_FOUND"));
  }

  @Test
  void seatsBelowTheLiveClaimsAreAConflictAndNothingChanges() throws Exception {
    ProductId coaching = ProductId.of("coaching");
    admin.catalog().defineProduct(Product.builder().id(coaching).name("Coaching").type(ProductType.LEARNING_CONTENT).build());
    admin.pools().add(NewPool.builder().id(PoolId.of("coaching-pool")).product(coaching).seats(3)
        .term(Term.of(Instant.now().minus(1, ChronoUnit.DAYS), Instant.now().plus(9, ChronoUnit.DAYS))).build());
    for (String id : List.of("coached-1", "coached-2")) {
      admin.assignments().assignProduct(Fixtures.teacher(licensing, id), coaching, "pilot");
    }
    assertThat(admin.pools().find(PoolId.of("coaching-pool")).orElseThrow().seatsInUse()).isEqualTo(2);
    long audit = auditSize();
    mvc.perform(asAdmin(json(put(API + "/pools/coaching-pool/seats"), "{\"seats\":1,\"reason\":\"cut\"}")))
        .andExpect(status().isConflict())
        .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
        .andExpect(jsonPath("$.status").value(409))
        .andExpect(jsonPath("$.code").value("SEATS_BELOW_LIVE_CLAIMS"))
        .andExpect(jsonPath("$.type").value("urn:licensekit:problem:seats-below-live-claims"))
        .andExpect(jsonPath("$.hint").isNotEmpty());
    assertThat(auditSize()).isEqualTo(audit);
    assertThat(admin.pools().find(PoolId.of("coaching-pool")).orElseThrow().pool().seats()).isEqualTo(3);
  }

  @Test
  void aNewUserIsRegisteredListedProfiledAndSuspended() throws Exception {
    mvc.perform(asAdmin(json(post(API + "/users"), """
        {"id":"nora","name":"Nora North","email":"nora@lincoln.example","jobProfile":"TEACHER","organizations":["lincoln-high"]}""")))
        .andExpect(status().isCreated())
        .andExpect(jsonPath("$.user.status").value("INVITED"))
        .andExpect(jsonPath("$.assignments.assigned[0].product").value("observation"))
        .andExpect(jsonPath("$.assignments.assigned[0].status").value("PENDING"))
        .andExpect(jsonPath("$.assignments.complete").value(true));
    assertThat(admin.users().find(UserId.of("nora")).orElseThrow().status()).isEqualTo(AccountStatus.INVITED);

    mvc.perform(asAdmin(get(API + "/users/nora"))).andExpect(status().isOk())
        .andExpect(jsonPath("$.account.email").value("nora@lincoln.example"))
        .andExpect(jsonPath("$.jobProfile").value("TEACHER"))
        .andExpect(jsonPath("$.organizations[0].organization").value("lincoln-high"))
        .andExpect(jsonPath("$.organizations[0].roles[0].role").value("OBSERVABLE"))
        .andExpect(jsonPath("$.organizations[0].roles[0].source").value("JOB_PROFILE"))
        .andExpect(jsonPath("$.claims[0].id").value(admin.claims().ofUser(UserId.of("nora")).get(0).id().value()));

    mvc.perform(asAdmin(json(post(API + "/users/nora/status"), "{\"change\":\"ACTIVATE\"}")))
        .andExpect(status().isOk()).andExpect(jsonPath("$.status").value("ACTIVE"));
    mvc.perform(asAdmin(json(post(API + "/users/nora/status"), "{\"change\":\"SUSPEND\",\"reason\":\"leave\"}")))
        .andExpect(status().isOk()).andExpect(jsonPath("$.status").value("SUSPENDED"));
    assertThat(admin.users().find(UserId.of("nora")).orElseThrow().status()).isEqualTo(AccountStatus.SUSPENDED);
    mvc.perform(asAdmin(json(post(API + "/users/nora/status"), "{\"change\":\"ACTIVATE\"}")))
        .andExpect(status().isConflict()).andExpect(jsonPath("$.code").value("ILLEGAL_STATUS_CHANGE"));
    mvc.perform(asAdmin(json(post(API + "/users/nora/status"), "{\"change\":\"REACTIVATE\"}")))
        .andExpect(status().isOk()).andExpect(jsonPath("$.status").value("ACTIVE"));
    mvc.perform(asAdmin(get(API + "/users/nobody-here"))).andExpect(status().isNotFound());
  }

  @Test
  void theUserListFiltersAndPagesByKeyLikeTheJavaApi() throws Exception {
    for (String id : List.of("page-a", "page-b", "page-c")) {
      Fixtures.teacher(licensing, id);
    }
    UserFilter filter = UserFilter.builder().organization(LINCOLN).status(AccountStatus.ACTIVE).nameOrEmailContains("page-").build();
    List<String> expected = admin.bulk().select(filter, java.util.Optional.empty(), 100).stream().map(UserId::value).toList();
    assertThat(expected).containsExactly("page-a", "page-b", "page-c");

    List<String> seen = new ArrayList<>();
    String after = null;
    int pages = 0;
    do {
      MockHttpServletRequestBuilder request = get(API + "/users").param("organization", "lincoln-high").param("status", "ACTIVE")
          .param("q", "page-").param("limit", "2");
      if (after != null) {
        request.param("after", after);
      }
      String body = body(mvc.perform(asAdmin(request)).andExpect(status().isOk()).andReturn());
      seen.addAll(JsonPath.read(body, "$.items[*].id"));
      after = JsonPath.<Map<String, Object>>read(body, "$").containsKey("nextCursor") ? JsonPath.read(body, "$.nextCursor") : null;
      pages++;
    } while (after != null);
    assertThat(seen).isEqualTo(expected);
    assertThat(pages).isEqualTo(2);

    mvc.perform(asAdmin(get(API + "/users").param("q", "page-b"))).andExpect(status().isOk())
        .andExpect(jsonPath("$.items[0].name").value("Teacher page-b"))
        .andExpect(jsonPath("$.items[0].status").value("ACTIVE"))
        .andExpect(jsonPath("$.items.length()").value(1));
  }

  @Test
  void aUserListCursorNotMadeByTheListIsABadRequestNamingTheCursor() throws Exception {
    Fixtures.teacher(licensing, "cursor-a");

    mvc.perform(asAdmin(get(API + "/users").param("after", "cursor-a"))).andExpect(status().isBadRequest())
        .andExpect(jsonPath("$.errors[0].field").value("cursor"));
  }

  @Test
  void rolesAndProductsAreGrantedAndRevoked() throws Exception {
    UserId user = Fixtures.teacher(licensing, "roly");
    mvc.perform(asAdmin(json(post(API + "/users/roly/roles"), "{\"organization\":\"lincoln-high\",\"role\":\"PROCTOR\"}")))
        .andExpect(status().isOk()).andExpect(jsonPath("$.assigned[0].product").value("assessment"));
    assertThat(admin.claims().ofUser(user)).anyMatch(c -> c.product().equals(ASSESSMENT) && c.live());
    mvc.perform(asAdmin(json(post(API + "/users/roly/roles/revoke"),
            "{\"organization\":\"lincoln-high\",\"role\":\"PROCTOR\",\"reason\":\"moved\"}")))
        .andExpect(status().isOk()).andExpect(jsonPath("$[0].status").value("REVOKED"));
    assertThat(admin.claims().ofUser(user)).noneMatch(c -> c.product().equals(ASSESSMENT) && c.live());

    mvc.perform(asAdmin(json(post(API + "/users/roly/products"), "{\"product\":\"assessment\",\"reason\":\"pilot\"}")))
        .andExpect(status().isOk()).andExpect(jsonPath("$.assigned[0].direct").value(true));
    mvc.perform(asAdmin(json(post(API + "/users/roly/products/revoke"), "{\"product\":\"assessment\",\"reason\":\"pilot over\"}")))
        .andExpect(status().isOk()).andExpect(jsonPath("$[0].product").value("assessment"));
    mvc.perform(asAdmin(json(post(API + "/users/roly/roles/revoke"), "{\"organization\":\"lincoln-high\",\"role\":\"PROCTOR\"}")))
        .andExpect(status().isBadRequest()).andExpect(jsonPath("$.errors[0].field").value("reason"));
  }

  @Test
  void theClaimsReportPagesWithEveryFilterLikeTheJavaApi() throws Exception {
    for (String id : List.of("rep-1", "rep-2", "rep-3")) {
      Fixtures.teacher(licensing, id);
    }
    ClaimsQuery query = ClaimsQuery.builder().product(OBSERVATION).status(ClaimStatus.PENDING).organization(LINCOLN)
        .sortBy(org.licensekit.core.api.report.ClaimSortKey.EMAIL).descending().limit(1000).build();
    List<String> expected = admin.reports().claims(query).items().stream().map(r -> r.claim().value()).toList();
    assertThat(expected).hasSizeGreaterThanOrEqualTo(3);

    List<String> seen = new ArrayList<>();
    String cursor = null;
    do {
      MockHttpServletRequestBuilder request = get(API + "/claims").param("product", "observation").param("status", "PENDING")
          .param("organization", "lincoln-high").param("sortBy", "EMAIL").param("direction", "DESCENDING").param("limit", "2");
      if (cursor != null) {
        request.param("cursor", cursor);
      }
      String body = body(mvc.perform(asReporter(request)).andExpect(status().isOk()).andReturn());
      seen.addAll(JsonPath.read(body, "$.items[*].claim"));
      cursor = JsonPath.<Map<String, Object>>read(body, "$").containsKey("nextCursor") ? JsonPath.read(body, "$.nextCursor") : null;
    } while (cursor != null);
    assertThat(seen).isEqualTo(expected);

    ClaimRow first = admin.reports().claims(query).items().get(0);
    mvc.perform(asReporter(get(API + "/claims").param("user", first.user().value()).param("product", "observation")))
        .andExpect(jsonPath("$.items[0].email").value(first.email()))
        .andExpect(jsonPath("$.items[0].assignedAt").value(first.assignedAt().toString()))
        .andExpect(jsonPath("$.items[0].organizations[0]").value("lincoln-high"));
  }

  @Test
  void theClaimsReportFiltersByPeriodUserAndRoleLikeTheJavaApi() throws Exception {
    UserId user = Fixtures.teacher(licensing, "period-1");
    Instant from = Instant.now().minus(1, ChronoUnit.HOURS);
    Instant to = Instant.now().plus(1, ChronoUnit.HOURS);
    ClaimsQuery query = ClaimsQuery.builder().range(org.licensekit.core.api.report.ClaimDateField.ASSIGNED,
            java.util.Optional.of(from), java.util.Optional.of(to))
        .role(org.licensekit.core.api.DefaultCatalog.OBSERVABLE).user(user).limit(1000).build();
    List<String> expected = admin.reports().claims(query).items().stream().map(r -> r.claim().value()).toList();
    assertThat(expected).hasSize(1);
    String body = body(mvc.perform(asReporter(get(API + "/claims").param("dateField", "ASSIGNED").param("from", from.toString())
        .param("to", to.toString()).param("role", "OBSERVABLE").param("user", "period-1"))).andExpect(status().isOk()).andReturn());
    assertThat(JsonPath.<List<String>>read(body, "$.items[*].claim")).isEqualTo(expected);
    body = body(mvc.perform(asReporter(get(API + "/claims").param("dateField", "CLAIMED").param("from", from.toString())
        .param("to", to.toString()).param("user", "period-1"))).andExpect(status().isOk()).andReturn());
    assertThat(JsonPath.<List<String>>read(body, "$.items[*].claim")).isEmpty();
    mvc.perform(asReporter(get(API + "/claims").param("from", to.toString()).param("to", from.toString())))
        .andExpect(status().isBadRequest()).andExpect(jsonPath("$.errors[0].field").value("to"));
  }

  @Test
  void theClaimsReportAndTheUserListFilterByTrainingStateLikeTheJavaApi() throws Exception {
    UserId user = Fixtures.teacher(licensing, "training-1");
    org.licensekit.core.domain.TrainingId safety = org.licensekit.core.domain.TrainingId.of("api-safety-course");
    admin.training().assign(user, safety, Instant.now().plus(1, ChronoUnit.DAYS));
    ClaimsQuery query = ClaimsQuery.builder()
        .training(safety, org.licensekit.core.api.TrainingCondition.Status.NOT_COMPLETED).limit(1000).build();
    List<String> expected = admin.reports().claims(query).items().stream().map(r -> r.claim().value()).toList();
    assertThat(expected).isNotEmpty();

    String body = body(mvc.perform(asReporter(get(API + "/claims").param("trainingId", "api-safety-course")
        .param("trainingStatus", "NOT_COMPLETED"))).andExpect(status().isOk()).andReturn());
    assertThat(JsonPath.<List<String>>read(body, "$.items[*].claim")).isEqualTo(expected);
    body = body(mvc.perform(asReporter(get(API + "/claims").param("trainingId", "api-safety-course")
        .param("trainingStatus", "OVERDUE"))).andExpect(status().isOk()).andReturn());
    assertThat(JsonPath.<List<String>>read(body, "$.items[*].claim")).isEmpty();
    body = body(mvc.perform(asAdmin(get(API + "/users").param("trainingId", "api-safety-course")
        .param("trainingStatus", "ASSIGNED"))).andExpect(status().isOk()).andReturn());
    assertThat(JsonPath.<List<String>>read(body, "$.items[*].id")).containsExactly("training-1");
    mvc.perform(asReporter(get(API + "/claims").param("trainingId", "api-safety-course")))
        .andExpect(status().isBadRequest()).andExpect(jsonPath("$.errors[0].field").value("trainingStatus"));
    mvc.perform(asReporter(get(API + "/claims").param("trainingId", "no such course").param("trainingStatus", "ASSIGNED")))
        .andExpect(status().isBadRequest()).andExpect(jsonPath("$.errors[0].field").value("trainingId"));
  }

  @Test
  void aBadRequestParameterIsAFieldError() throws Exception {
    mvc.perform(asReporter(get(API + "/dashboard").param("organization", "no such org!")))
        .andExpect(status().isBadRequest()).andExpect(jsonPath("$.code").value("INVALID_INPUT"))
        .andExpect(jsonPath("$.errors[0].field").value("organization"));
    mvc.perform(asReporter(get(API + "/dashboard").param("minimumAvailablePercent", "many")))
        .andExpect(status().isBadRequest()).andExpect(jsonPath("$.errors[0].field").value("minimumAvailablePercent"))
        .andExpect(jsonPath("$.errors[0].message").value(org.hamcrest.Matchers.containsString("whole number")));
    mvc.perform(asAdmin(get(API + "/users/bad id!"))).andExpect(status().isBadRequest())
        .andExpect(jsonPath("$.errors[0].field").value("userId"));
  }

  @Test
  void aBulkRunTheLibraryRefusesEndsFailedWithTheCode() throws Exception {
    String request = """
        {"action":{"type":"REVOKE_PRODUCT","product":"no-such-product"},"reason":"typo"}""";
    mvc.perform(asAdmin(json(post(API + "/bulk/runs"), request).header("Idempotency-Key", "typo-1")))
        .andExpect(status().isAccepted());
    String state = "RUNNING";
    String poll = null;
    long deadline = System.nanoTime() + 30_000_000_000L;
    while ("RUNNING".equals(state) && System.nanoTime() < deadline) {
      poll = body(mvc.perform(asAdmin(get(API + "/bulk/runs/typo-1"))).andExpect(status().isOk()).andReturn());
      state = JsonPath.read(poll, "$.state");
      if ("RUNNING".equals(state)) {
        Thread.sleep(20);
      }
    }
    assertThat(state).isEqualTo("FAILED");
    assertThat((String) JsonPath.read(poll, "$.error.code")).isEqualTo("NOT_FOUND");
    mvc.perform(asAdmin(get(API + "/bulk/runs/typo-1/result"))).andExpect(status().isNotFound())
        .andExpect(jsonPath("$.code").value("NOT_FOUND"));
  }

  @Test
  void aUserClaimsAndAnAdministratorRevokes() throws Exception {
    UserId user = Fixtures.teacher(licensing, "clara");
    String claimId = admin.claims().ofUser(user).get(0).id().value();
    mvc.perform(json(post(API + "/claims"), "{\"user\":\"clara\",\"product\":\"observation\"}")
            .header("X-Tenant", "district-42").header("X-Actor", "user:clara"))
        .andExpect(status().isOk()).andExpect(jsonPath("$.claimed").value(true))
        .andExpect(jsonPath("$.claim.status").value("ACTIVE"));
    assertThat(admin.claims().find(org.licensekit.core.domain.ClaimId.of(claimId)).orElseThrow().status()).isEqualTo(ClaimStatus.ACTIVE);

    mvc.perform(json(post(API + "/claims"), "{\"user\":\"clara\",\"product\":\"assessment\"}")
            .header("X-Tenant", "district-42").header("X-Actor", "user:clara"))
        .andExpect(status().isOk()).andExpect(jsonPath("$.claimed").value(false))
        .andExpect(jsonPath("$.refusals[0].code").isNotEmpty()).andExpect(jsonPath("$.refusals[0].hint").isNotEmpty());

    mvc.perform(asAdmin(json(post(API + "/claims/" + claimId + "/revoke"), "{\"reason\":\"left school\"}")))
        .andExpect(status().isOk()).andExpect(jsonPath("$.status").value("REVOKED")).andExpect(jsonPath("$.reason").value("left school"));
    mvc.perform(asAdmin(json(post(API + "/claims/" + claimId + "/revoke"), "{\"reason\":\"again\"}")))
        .andExpect(status().isConflict()).andExpect(jsonPath("$.code").value("ILLEGAL_TRANSITION"));
    mvc.perform(asAdmin(get(API + "/claims/" + claimId))).andExpect(status().isOk()).andExpect(jsonPath("$.endedBy").value("system_administrator:admin-7"));
  }

  @Test
  void theCsvDownloadHoldsEveryRowOfTheReport() throws Exception {
    for (String id : List.of("csv-1", "csv-2", "csv-3")) {
      Fixtures.teacher(licensing, id);
    }
    MvcResult result = mvc.perform(asReporter(get(API + "/claims/export.csv").param("product", "observation").param("limit", "2")))
        .andExpect(status().isOk())
        .andExpect(content().contentTypeCompatibleWith("text/csv"))
        .andExpect(header().string("Content-Disposition", "attachment; filename=\"claims.csv\"")).andReturn();
    List<CSVRecord> records = CSVFormat.RFC4180.builder().setHeader().setSkipHeaderRecord(true).get()
        .parse(new StringReader(result.getResponse().getContentAsString())).getRecords();
    List<ClaimRow> expected = new ArrayList<>();
    Page<ClaimRow> page = admin.reports().claims(ClaimsQuery.builder().product(OBSERVATION).limit(1000).build());
    expected.addAll(page.items());
    assertThat(page.hasNext()).isFalse();
    assertThat(records).hasSize(expected.size());
    for (int i = 0; i < expected.size(); i++) {
      assertThat(records.get(i).get("claim_id")).isEqualTo(expected.get(i).claim().value());
      assertThat(records.get(i).get("email")).isEqualTo(expected.get(i).email());
      assertThat(records.get(i).get("status")).isEqualTo(expected.get(i).status().name());
      assertThat(records.get(i).get("assigned_at")).isEqualTo(expected.get(i).assignedAt().toString());
    }
    mvc.perform(asReporter(get(API + "/claims/export.csv").param("cursor", "not-a-cursor")))
        .andExpect(status().isBadRequest()).andExpect(jsonPath("$.errors[0].field").value("cursor"));
  }

  @Test
  void aBulkDryRunWritesNothingAndARunIsPolledToItsResult() throws Exception {
    for (String id : List.of("bulk-1", "bulk-2", "bulk-3")) {
      Fixtures.teacher(licensing, id);
    }
    String request = """
        {"filter":{"nameOrEmailContains":"bulk-","statuses":["ACTIVE"]},
         "action":{"type":"GRANT_ROLES","organization":"lincoln-high","roles":["PROCTOR"]},
         "mode":"BEST_EFFORT","reason":"exam season"}""";
    long audit = auditSize();
    mvc.perform(asAdmin(json(post(API + "/bulk/dry-run"), request)))
        .andExpect(status().isOk()).andExpect(jsonPath("$.dryRun").value(true)).andExpect(jsonPath("$.selected").value(3))
        .andExpect(jsonPath("$.done").value(3)).andExpect(jsonPath("$.seats[0].product").value("assessment"))
        .andExpect(jsonPath("$.seats[0].needed").value(3));
    assertThat(auditSize()).isEqualTo(audit);
    assertThat(admin.claims().ofUser(UserId.of("bulk-1"))).noneMatch(c -> c.product().equals(ASSESSMENT));

    mvc.perform(asReporter(json(post(API + "/bulk/runs"), request).header("Idempotency-Key", "exam-1")))
        .andExpect(status().isForbidden()).andExpect(jsonPath("$.code").value("NOT_AUTHORIZED"));
    mvc.perform(asAdmin(json(post(API + "/bulk/runs"), request))).andExpect(status().isBadRequest())
        .andExpect(jsonPath("$.errors[0].field").value("Idempotency-Key"));

    mvc.perform(asAdmin(json(post(API + "/bulk/runs"), request).header("Idempotency-Key", "exam-1")))
        .andExpect(status().isAccepted())
        .andExpect(header().string("Location", "http://localhost" + API + "/bulk/runs/exam-1"))
        .andExpect(jsonPath("$.idempotencyKey").value("exam-1"));
    String state = "RUNNING";
    long deadline = System.nanoTime() + 30_000_000_000L;
    String poll = null;
    while ("RUNNING".equals(state) && System.nanoTime() < deadline) {
      poll = body(mvc.perform(asAdmin(get(API + "/bulk/runs/exam-1"))).andExpect(status().isOk()).andReturn());
      state = JsonPath.read(poll, "$.state");
      if ("RUNNING".equals(state)) {
        Thread.sleep(20);
      }
    }
    assertThat(state).isEqualTo("COMPLETED");
    assertThat((Integer) JsonPath.read(poll, "$.done")).isEqualTo(3);
    assertThat((Integer) JsonPath.read(poll, "$.total")).isEqualTo(3);
    assertThat((String) JsonPath.read(poll, "$.result")).isEqualTo(API + "/bulk/runs/exam-1/result");

    mvc.perform(asAdmin(get(API + "/bulk/runs/exam-1/result"))).andExpect(status().isOk())
        .andExpect(jsonPath("$.dryRun").value(false)).andExpect(jsonPath("$.status").value("COMPLETED"))
        .andExpect(jsonPath("$.done").value(3))
        .andExpect(jsonPath("$.outcomes[*].user").value(org.hamcrest.Matchers.contains("bulk-1", "bulk-2", "bulk-3")))
        .andExpect(jsonPath("$.outcomes[0].kind").value("DONE"));
    for (String id : List.of("bulk-1", "bulk-2", "bulk-3")) {
      assertThat(admin.claims().ofUser(UserId.of(id))).anyMatch(c -> c.product().equals(ASSESSMENT) && c.live());
    }
    mvc.perform(asAdmin(json(post(API + "/bulk/runs"), request.replace("exam season", "other")).header("Idempotency-Key", "exam-1")))
        .andExpect(status().isConflict()).andExpect(jsonPath("$.code").value("IDEMPOTENCY_KEY_REUSED"));
    mvc.perform(asAdmin(get(API + "/bulk/runs/never-started"))).andExpect(status().isNotFound());
    mvc.perform(get(API + "/bulk/runs/exam-1").header("X-Tenant", "other-district").header("X-Actor", "admin:admin-7"))
        .andExpect(status().isNotFound()).andExpect(jsonPath("$.code").value("NOT_FOUND"));
    mvc.perform(asReporter(get(API + "/bulk/runs/exam-1/result")))
        .andExpect(status().isForbidden()).andExpect(jsonPath("$.code").value("NOT_AUTHORIZED"));
  }

  @Test
  void theDashboardAnalyticsAndReconciliationAnswerAsTheJavaApi() throws Exception {
    Fixtures.teacher(licensing, "dash-1");
    Dashboard dashboard = admin.reports().dashboard();
    String body = body(mvc.perform(asReporter(get(API + "/dashboard"))).andExpect(status().isOk()).andReturn());
    assertThat((Integer) JsonPath.read(body, "$.total.purchased")).isEqualTo(dashboard.total().purchased());
    assertThat((Integer) JsonPath.read(body, "$.total.pending")).isEqualTo(dashboard.total().pending());
    assertThat((Integer) JsonPath.read(body, "$.total.available")).isEqualTo(dashboard.total().available());
    List<String> products = JsonPath.read(body, "$.products[*].product");
    assertThat(products).containsExactlyElementsOf(dashboard.products().stream().map(p -> p.product().value()).toList());

    LocalDate today = LocalDate.now(java.time.ZoneOffset.UTC);
    mvc.perform(asReporter(get(API + "/analytics").param("from", today.minusDays(30).toString()).param("to", today.plusDays(1).toString())
            .param("granularity", "DAY")))
        .andExpect(status().isOk())
        .andExpect(jsonPath("$.activation.assigned").value(admin.reports().analytics(org.licensekit.core.api.report.AnalyticsQuery
            .between(today.minusDays(30), today.plusDays(1)).granularity(org.licensekit.core.api.report.Granularity.DAY).build())
            .activation().assigned()))
        .andExpect(jsonPath("$.trend.length()").value(31));
    mvc.perform(asReporter(get(API + "/analytics").param("from", "2026-01-10").param("to", "2026-01-01")))
        .andExpect(status().isBadRequest()).andExpect(jsonPath("$.errors[0].field").value("to"));

    mvc.perform(asAdmin(post(API + "/reconciliation/dry-run"))).andExpect(status().isOk())
        .andExpect(jsonPath("$.dryRun").value(true)).andExpect(jsonPath("$.clean").value(admin.reports().reconcile(true).clean()));
    mvc.perform(asReporter(post(API + "/reconciliation/apply"))).andExpect(status().isForbidden());
  }

  @Test
  void unusedLicensesAreListedRemindedReclaimedAndReassigned() throws Exception {
    UserId waiting = Fixtures.teacher(licensing, "unused-1");
    UserId other = Fixtures.teacher(licensing, "unused-2");
    UserId receiver = UserId.of("unused-3");
    admin.users().register(org.licensekit.core.api.NewUser.builder().id(receiver).name("Receiver").email("unused-3@lincoln.example")
        .addOrganizations(LINCOLN).build());
    String first = admin.claims().ofUser(waiting).get(0).id().value();
    String second = admin.claims().ofUser(other).get(0).id().value();

    String body = body(mvc.perform(asReporter(get(API + "/unused-licenses").param("pendingForDays", "0").param("product", "observation")
        .param("limit", "1000"))).andExpect(status().isOk()).andReturn());
    List<String> unused = JsonPath.read(body, "$.items[*].claim");
    assertThat(unused).contains(first, second);

    mvc.perform(asAdmin(json(post(API + "/unused-licenses/remind"), "{\"claims\":[\"" + first + "\"]}")))
        .andExpect(status().isOk()).andExpect(jsonPath("$[0].id").value(first));
    mvc.perform(asAdmin(json(post(API + "/unused-licenses/" + first + "/reclaim"), "{\"reason\":\"never used\"}")))
        .andExpect(status().isOk()).andExpect(jsonPath("$.status").value("REVOKED"));
    mvc.perform(asAdmin(json(post(API + "/unused-licenses/" + second + "/reassign"), "{\"to\":\"unused-3\",\"reason\":\"needs it\"}")))
        .andExpect(status().isOk()).andExpect(jsonPath("$.revoked.id").value(second))
        .andExpect(jsonPath("$.assigned.user").value("unused-3")).andExpect(jsonPath("$.assigned.status").value("PENDING"));
    assertThat(admin.claims().ofUser(receiver)).anyMatch(c -> c.product().equals(OBSERVATION) && c.live());
  }

  @Test
  void theTroubleshooterExplainsEveryFailingCheck() throws Exception {
    Fixtures.teacher(licensing, "trouble");
    mvc.perform(asAdmin(get(API + "/troubleshoot/trouble").param("product", "observation"))).andExpect(status().isOk())
        .andExpect(jsonPath("$.profile.account.id").value("trouble"))
        .andExpect(jsonPath("$.decisions.length()").value(1))
        .andExpect(jsonPath("$.decisions[0].allowed").value(false))
        .andExpect(jsonPath("$.decisions[0].reasons[0].code").value("CLAIM_PENDING"))
        .andExpect(jsonPath("$.decisions[0].reasons[0].hint").value("Ask the user to claim the license (activate it) on first use."));
    mvc.perform(asAdmin(get(API + "/catalog"))).andExpect(status().isOk())
        .andExpect(jsonPath("$.organizations[0].id").value("lincoln-high"));
  }

  @Test
  void theAuditTrailPagesNewestFirstCountsAndVerifies() throws Exception {
    Fixtures.teacher(licensing, "audited");
    long count = admin.audit().count(AuditQuery.builder().user(UserId.of("audited")).build());
    assertThat(count).isGreaterThanOrEqualTo(3);
    mvc.perform(asReporter(get(API + "/audit/count").param("user", "audited"))).andExpect(status().isOk())
        .andExpect(jsonPath("$.count").value(count));
    List<String> expected = admin.audit().page(AuditQuery.builder().user(UserId.of("audited")).limit(1000).build()).items().stream()
        .map(e -> e.id()).toList();
    List<String> seen = new ArrayList<>();
    String cursor = null;
    do {
      MockHttpServletRequestBuilder request = get(API + "/audit").param("user", "audited").param("limit", "2");
      if (cursor != null) {
        request.param("cursor", cursor);
      }
      String body = body(mvc.perform(asReporter(request)).andExpect(status().isOk()).andReturn());
      seen.addAll(JsonPath.read(body, "$.items[*].id"));
      cursor = JsonPath.<Map<String, Object>>read(body, "$").containsKey("nextCursor") ? JsonPath.read(body, "$.nextCursor") : null;
    } while (cursor != null);
    assertThat(seen).isEqualTo(expected);
    mvc.perform(asReporter(get(API + "/audit").param("user", "audited").param("action", "USER_REGISTERED")))
        .andExpect(jsonPath("$.items.length()").value(1)).andExpect(jsonPath("$.items[0].action").value("USER_REGISTERED"));
    mvc.perform(asReporter(get(API + "/audit").param("action", "NO_SUCH_ACTION")))
        .andExpect(status().isBadRequest()).andExpect(jsonPath("$.errors[0].field").value("action"));
    mvc.perform(asAdmin(get(API + "/audit/verify"))).andExpect(status().isOk()).andExpect(jsonPath("$.intact").value(true));
  }

  @Test
  void aReporterMayNotWriteAndNothingIsWritten() throws Exception {
    long audit = auditSize();
    long refusals = refusalsAudited();
    mvc.perform(asReporter(json(post(API + "/pools"), """
        {"product":"observation","seats":5,"termStart":"2026-09-01T00:00:00Z","termEnd":"2027-07-01T00:00:00Z"}""")))
        .andExpect(status().isForbidden())
        .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
        .andExpect(jsonPath("$.code").value("NOT_AUTHORIZED"))
        .andExpect(jsonPath("$.type").value("urn:licensekit:problem:not-authorized"))
        .andExpect(jsonPath("$.instance").value(API + "/pools"));
    mvc.perform(asReporter(json(post(API + "/users/anyone/status"), "{\"change\":\"ACTIVATE\"}"))).andExpect(status().isForbidden());
    mvc.perform(asReporter(json(post(API + "/bulk/runs"), "{\"action\":{\"type\":\"OFFBOARD\"},\"reason\":\"all\"}")
            .header("Idempotency-Key", "reporter-1")))
        .andExpect(status().isForbidden()).andExpect(jsonPath("$.code").value("NOT_AUTHORIZED"));
    assertThat(auditSize()).isEqualTo(audit);
    assertThat(refusalsAudited()).isEqualTo(refusals + 3);
    mvc.perform(asAdmin(get(API + "/bulk/runs/reporter-1"))).andExpect(status().isNotFound());
  }

  @Test
  void anUnknownPrincipalIsRefusedWith403NeverA500() throws Exception {
    long audit = auditSize();
    mvc.perform(get(API + "/pools")).andExpect(status().isForbidden())
        .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
        .andExpect(jsonPath("$.type").value("urn:licensekit:problem:unknown-principal"))
        .andExpect(jsonPath("$.code").value("NOT_AUTHORIZED"));
    mvc.perform(json(post(API + "/pools"), "{}").header("X-Tenant", "district-42").header("X-Actor", "user:not a valid id"))
        .andExpect(status().isForbidden()).andExpect(jsonPath("$.type").value("urn:licensekit:problem:unknown-principal"));
    mvc.perform(get(API + "/pools").header("X-Tenant", "district-42").header("X-Actor", "user:ana"))
        .andExpect(status().isForbidden()).andExpect(jsonPath("$.code").value("NOT_AUTHORIZED"));
    assertThat(auditSize()).isEqualTo(audit);
  }

  @Test
  void badInputIsRefusedWithEachFieldAndNothingIsWritten() throws Exception {
    long audit = auditSize();
    int pools = admin.pools().list().size();
    String body = body(mvc.perform(asAdmin(json(post(API + "/pools"), """
            {"id":"bad id!","seats":-1,"termStart":"2026-09-01T00:00:00Z"}""")))
        .andExpect(status().isBadRequest())
        .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
        .andExpect(jsonPath("$.code").value("INVALID_INPUT"))
        .andExpect(jsonPath("$.type").value("urn:licensekit:problem:invalid-input"))
        .andReturn());
    List<String> fields = JsonPath.read(body, "$.errors[*].field");
    assertThat(fields).containsExactlyInAnyOrder("id", "product", "seats", "termEnd");
    List<String> messages = JsonPath.read(body, "$.errors[*].message");
    assertThat(messages).allSatisfy(m -> assertThat(m).isNotBlank());

    mvc.perform(asAdmin(json(post(API + "/pools"), """
            {"product":"observation","seats":5,"termStart":"2026-09-01T00:00:00Z","termEnd":"2026-08-01T00:00:00Z"}""")))
        .andExpect(status().isBadRequest()).andExpect(jsonPath("$.errors[0].field").value("termEnd"));
    mvc.perform(asAdmin(json(post(API + "/pools"), """
            {"product":"observation","seats":5,"termStart":"next monday","termEnd":"2027-08-01T00:00:00Z"}""")))
        .andExpect(status().isBadRequest()).andExpect(jsonPath("$.errors[0].field").value("termStart"));
    mvc.perform(asAdmin(json(post(API + "/users"), "{\"id\":\"x1\",\"name\":\" \",\"email\":\"not-an-email\"}")))
        .andExpect(status().isBadRequest())
        .andExpect(jsonPath("$.errors[*].field").value(org.hamcrest.Matchers.containsInAnyOrder("name", "email")));
    mvc.perform(asAdmin(json(post(API + "/users/x1/status"), "{\"change\":\"FLY\"}")))
        .andExpect(status().isBadRequest()).andExpect(jsonPath("$.errors[0].field").value("change"));
    mvc.perform(asReporter(get(API + "/claims").param("status", "LOST")))
        .andExpect(status().isBadRequest()).andExpect(jsonPath("$.errors[0].field").value("status"))
        .andExpect(jsonPath("$.errors[0].message").value(org.hamcrest.Matchers.containsString("PENDING, ACTIVE, EXPIRED, REVOKED")));
    mvc.perform(asReporter(get(API + "/claims").param("limit", "5000").param("sortBy", "EMAIL")))
        .andExpect(status().isBadRequest()).andExpect(jsonPath("$.errors[0].field").value("limit"));
    mvc.perform(asAdmin(json(post(API + "/bulk/dry-run"), "{\"action\":{\"type\":\"REVOKE_PRODUCT\"},\"reason\":\"x\"}")))
        .andExpect(status().isBadRequest()).andExpect(jsonPath("$.errors[0].field").value("action.product"));
    mvc.perform(asAdmin(json(post(API + "/pools"), "{not json"))).andExpect(status().isBadRequest())
        .andExpect(jsonPath("$.errors[0].field").value("body"));
    assertThat(auditSize()).isEqualTo(audit);
    assertThat(admin.pools().list()).hasSize(pools);
  }

  @Test
  void theOpenApiDocumentListsTheRoutesTagged() throws Exception {
    String body = body(mvc.perform(get("/v3/api-docs")).andExpect(status().isOk()).andReturn());
    Map<String, Object> paths = JsonPath.read(body, "$.paths");
    assertThat(paths).containsKeys(API + "/pools", API + "/pools/{poolId}/seats", API + "/users", API + "/users/{userId}",
        API + "/claims", API + "/claims/export.csv", API + "/bulk/dry-run", API + "/bulk/runs", API + "/bulk/runs/{idempotencyKey}",
        API + "/bulk/runs/{idempotencyKey}/result", API + "/dashboard", API + "/analytics", API + "/unused-licenses",
        API + "/troubleshoot/{userId}", API + "/reconciliation/dry-run", API + "/audit", API + "/audit/count", API + "/audit/verify");
    List<String> tags = JsonPath.read(body, "$.paths['" + API + "/pools'].post.tags");
    assertThat(tags).containsExactly("Pools");
    String summary = JsonPath.read(body, "$.paths['" + API + "/pools'].post.summary");
    assertThat(summary).isEqualTo("Add a pool");
    List<String> claimParameters = JsonPath.read(body, "$.paths['" + API + "/claims'].get.parameters[*].name");
    assertThat(claimParameters).contains("status", "sortBy", "cursor", "limit");
  }
}
