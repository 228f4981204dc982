package org.licensekit.reports.csv;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.licensekit.core.ActorSession;
import org.licensekit.core.InvalidInputException;
import org.licensekit.core.Licensing;
import org.licensekit.core.api.BulkListener;
import org.licensekit.core.api.BulkMode;
import org.licensekit.core.api.DefaultCatalog;
import org.licensekit.core.api.NewPool;
import org.licensekit.core.api.UserOutcome;
import org.licensekit.core.domain.Actor;
import org.licensekit.core.domain.Organization;
import org.licensekit.core.domain.OrganizationId;
import org.licensekit.core.domain.PoolId;
import org.licensekit.core.domain.Product;
import org.licensekit.core.domain.ProductId;
import org.licensekit.core.domain.ProductType;
import org.licensekit.core.domain.TenantId;
import org.licensekit.core.domain.Term;
import org.licensekit.core.domain.UserId;
import org.licensekit.core.memory.InMemoryLicenseStore;

class UsersCsvImportTest {

  private static final Instant NOW = Instant.parse("2026-09-01T08:00:00Z");
  private static final ProductId OBSERVATION = ProductId.of("observation");
  private static final OrganizationId NORTH = OrganizationId.of("north");

  @TempDir
  Path dir;

  private ActorSession admin;

  @BeforeEach
  void setUp() {
    Licensing licensing = Licensing.builder().store(InMemoryLicenseStore.create()).clock(Clock.fixed(NOW, ZoneOffset.UTC)).build();
    admin = licensing.tenant(TenantId.of("district")).as(Actor.systemAdministrator("admin"));
    admin.catalog().defineProduct(Product.builder().id(OBSERVATION).name("Observation").type(ProductType.OBSERVATION_TOOL).build());
    admin.catalog().installDefaults(Map.of(DefaultCatalog.OBSERVABLE, Set.of(OBSERVATION), DefaultCatalog.OBSERVER, Set.of(OBSERVATION)));
    admin.users().defineOrganization(Organization.root(NORTH, "North"));
    admin.pools().add(NewPool.builder().id(PoolId.of("obs")).product(OBSERVATION).seats(10)
        .term(Term.of(NOW.minusSeconds(86_400), NOW.plusSeconds(86_400 * 300L))).build());
  }

  private Path file(String... lines) throws IOException {
    Path file = dir.resolve("users.csv");
    Files.writeString(file, String.join("\n", lines) + "\n", StandardCharsets.UTF_8);
    return file;
  }

  @Test
  void everyColumnOfTheLayoutReachesTheRegisteredUser() throws IOException {
    Path csv = file(
        "id,name,email,job_profile,organizations,additional_roles,end_date,invite",
        "ana,Ana Lopez,Ana@Example.org,TEACHER,north,OBSERVER,2027-06-30,false",
        "\"ben\",\"Ben, Jr.\",ben@example.org,,north,,,");
    List<UserOutcome> outcomes = new ArrayList<>();

    UsersCsvImport.Result result = UsersCsvImport.of(csv).register(admin.bulk(), b -> b.chunkSize(1), new BulkListener() {
      @Override
      public void progress(long done, long total) {}

      @Override
      public void outcome(UserOutcome outcome) {
        outcomes.add(outcome);
      }
    });

    assertThat(result.lineErrors()).isEmpty();
    assertThat(result.run()).hasValueSatisfying(r -> assertThat(r.done()).isEqualTo(2));
    assertThat(outcomes).extracting(UserOutcome::detail).containsExactly("registered; assigned observation", "registered");
    assertThat(admin.users().find(UserId.of("ana"))).hasValueSatisfying(user -> {
      assertThat(user.email()).isEqualTo("ana@example.org");
      assertThat(user.jobProfile()).contains(DefaultCatalog.TEACHER);
      assertThat(user.endDate()).contains(LocalDate.of(2027, 6, 30));
    });
    assertThat(admin.users().profile(UserId.of("ana")).toString()).contains("OBSERVER", "OBSERVABLE");
    assertThat(admin.users().find(UserId.of("ben"))).hasValueSatisfying(user -> assertThat(user.name()).isEqualTo("Ben, Jr."));
  }

  @Test
  void aRowThatCannotBeReadIsReportedWithItsRowAndColumnAndNotRegistered() throws IOException {
    Path csv = file(
        "id,name,email,job_profile,organizations,end_date,invite",
        "ok-1,One,one@example.org,TEACHER,north,,",
        "bad id!,Two,two@example.org,TEACHER,north,,",
        "ok-3,Three,three@example.org,TEACHER,north,30/06/2027,",
        "ok-4,Four,four@example.org,TEACHER,north,,perhaps",
        "ok-5,Five,five@example.org,TEACHER",
        "ok-6,,six@example.org,TEACHER,north,,",
        "ok-7,Seven,not-an-address,TEACHER,north,,",
        "ok-8,Eight,eight@example.org,TEACHER,north,,");

    UsersCsvImport.Result result = UsersCsvImport.of(csv).register(admin.bulk(), b -> b, BulkListener.none());

    assertThat(result.lineErrors()).extracting(UsersCsvImport.LineError::row, UsersCsvImport.LineError::field).containsExactly(
        org.assertj.core.groups.Tuple.tuple(3L, "id"),
        org.assertj.core.groups.Tuple.tuple(4L, "end_date"),
        org.assertj.core.groups.Tuple.tuple(5L, "invite"),
        org.assertj.core.groups.Tuple.tuple(6L, "row"),
        org.assertj.core.groups.Tuple.tuple(7L, "name"));
    assertThat(result.run()).hasValueSatisfying(run -> {
      assertThat(List.of(run.done(), run.refused())).containsExactly(2L, 1L);
      assertThat(run.outcomeOf(UserId.of("ok-7")).orElseThrow().detail()).contains("email");
    });
    assertThat(admin.users().list()).extracting(u -> u.id().value()).containsExactlyInAnyOrder("ok-1", "ok-8");
  }

  @Test
  void anAllOrNothingImportWithABadRowRegistersNobody() throws IOException {
    Path csv = file("id,name,email,organizations", "ok-1,One,one@example.org,north", "ok-2,Two,two@example.org,north,extra");

    UsersCsvImport.Result result = UsersCsvImport.of(csv).register(admin.bulk(), b -> b.mode(BulkMode.ALL_OR_NOTHING), BulkListener.none());

    assertThat(result.lineErrors()).singleElement().satisfies(e -> assertThat(e.row()).isEqualTo(3));
    assertThat(result.run()).isEmpty();
    assertThat(admin.users().list()).isEmpty();
  }

  @Test
  void aPreviewReportsTheOutcomesAndWritesNothing() throws IOException {
    Path csv = file("email,name,id,organizations,job_profile", "one@example.org,One,ok-1,north,TEACHER");

    UsersCsvImport.Result result = UsersCsvImport.of(csv).preview(admin.bulk(), b -> b, BulkListener.none());

    assertThat(result.run()).hasValueSatisfying(run -> {
      assertThat(run.dryRun()).isTrue();
      assertThat(run.done()).isEqualTo(1);
    });
    assertThat(admin.users().list()).isEmpty();
  }

  @Test
  void aHeaderWithoutARequiredColumnOrWithAnUnknownOneIsRefusedNamingTheHeader() throws IOException {
    Path missing = file("id,name", "a,A");
    assertThatThrownBy(() -> UsersCsvImport.of(missing).check())
        .isInstanceOfSatisfying(InvalidInputException.class, e -> assertThat(e.getMessage()).contains("header", "email"));
    Path unknown = file("id,name,email,shoe_size", "a,A,a@example.org,44");
    assertThatThrownBy(() -> UsersCsvImport.of(unknown).check())
        .isInstanceOfSatisfying(InvalidInputException.class, e -> assertThat(e.getMessage()).contains("header", "shoe_size"));
    assertThat(admin.users().list()).isEmpty();
  }
}
