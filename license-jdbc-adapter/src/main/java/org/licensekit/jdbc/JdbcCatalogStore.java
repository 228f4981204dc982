package org.licensekit.jdbc;

import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.licensekit.core.domain.JobProfile;
import org.licensekit.core.domain.JobProfileId;
import org.licensekit.core.domain.Prerequisite;
import org.licensekit.core.domain.PrerequisiteKind;
import org.licensekit.core.domain.Product;
import org.licensekit.core.domain.ProductId;
import org.licensekit.core.domain.ProductType;
import org.licensekit.core.domain.Role;
import org.licensekit.core.domain.RoleId;
import org.licensekit.core.domain.TenantId;
import org.licensekit.core.domain.TrainingId;
import org.licensekit.core.domain.Validity;
import org.licensekit.core.spi.CatalogStore;

/** Products with their prerequisites, roles with their grants, job profiles with their roles. */
final class JdbcCatalogStore implements CatalogStore {

  private final Sql sql;
  private final Tables tables;
  private final String selectProducts;
  private final String selectRoles;
  private final String selectJobProfiles;

  JdbcCatalogStore(Sql sql, Tables tables) {
    this.sql = sql;
    this.tables = tables;
    this.selectProducts = "SELECT p.id, p.name, p.product_type, p.validity_kind, p.validity_duration, q.training_id, q.kind"
        + " FROM " + tables.products() + " p LEFT JOIN " + tables.productPrerequisites() + " q"
        + " ON q.tenant_id = p.tenant_id AND q.product_id = p.id WHERE p.tenant_id = ?";
    this.selectRoles = "SELECT r.id, r.name, r.description, g.product_id FROM " + tables.roles() + " r LEFT JOIN "
        + tables.roleGrants() + " g ON g.tenant_id = r.tenant_id AND g.role_id = r.id WHERE r.tenant_id = ?";
    this.selectJobProfiles = "SELECT j.id, j.name, x.role_id FROM " + tables.jobProfiles() + " j LEFT JOIN "
        + tables.jobProfileRoles() + " x ON x.tenant_id = j.tenant_id AND x.job_profile_id = j.id WHERE j.tenant_id = ?";
  }

  @Override
  public void saveProduct(TenantId tenant, Product product) {
    sql.upsert(tables.products(), List.of("tenant_id", "id"),
        List.of("name", "product_type", "validity_kind", "validity_duration"),
        tenant.value(), product.id().value(), product.name(), product.type(), product.validity().kind(),
        product.validity().duration().map(Duration::toString));
    sql.update("DELETE FROM " + tables.productPrerequisites() + " WHERE tenant_id = ? AND product_id = ?",
        tenant.value(), product.id().value());
    sql.batch("INSERT INTO " + tables.productPrerequisites() + " (tenant_id, product_id, training_id, kind) VALUES (?, ?, ?, ?)",
        product.prerequisites().stream()
            .map(p -> new Object[] {tenant.value(), product.id().value(), p.training().value(), p.kind()})
            .toList());
  }

  @Override
  public Optional<Product> findProduct(TenantId tenant, ProductId id) {
    return products(selectProducts + " AND p.id = ? ORDER BY q.training_id, q.kind", tenant.value(), id.value())
        .stream().findFirst();
  }

  @Override
  public List<Product> listProducts(TenantId tenant) {
    return products(selectProducts + " ORDER BY p.id, q.training_id, q.kind", tenant.value());
  }

  private List<Product> products(String query, Object... params) {
    List<JoinedRows.Row<Product, Prerequisite>> rows = sql.list(query, row -> {
      Validity validity = new Validity(
          Rows.enumValue(row, "validity_kind", Validity.Kind.class),
          Rows.optionalString(row, "validity_duration").map(Duration::parse));
      Product product = Product.builder()
          .id(ProductId.of(row.getString("id")))
          .name(row.getString("name"))
          .type(Rows.enumValue(row, "product_type", ProductType.class))
          .validity(validity)
          .build();
      String training = row.getString("training_id");
      Optional<Prerequisite> prerequisite = training == null
          ? Optional.empty()
          : Optional.of(new Prerequisite(TrainingId.of(training), Rows.enumValue(row, "kind", PrerequisiteKind.class)));
      return new JoinedRows.Row<>(row.getString("id"), product, prerequisite);
    }, params);
    return JoinedRows.fold(rows, (product, prerequisites) -> Product.builder().from(product).prerequisites(prerequisites).build());
  }

  @Override
  public void saveRole(TenantId tenant, Role role) {
    sql.upsert(tables.roles(), List.of("tenant_id", "id"), List.of("name", "description"),
        tenant.value(), role.id().value(), role.name(), role.description());
    sql.update("DELETE FROM " + tables.roleGrants() + " WHERE tenant_id = ? AND role_id = ?", tenant.value(), role.id().value());
    sql.batch("INSERT INTO " + tables.roleGrants() + " (tenant_id, role_id, product_id) VALUES (?, ?, ?)",
        role.grants().stream().map(p -> new Object[] {tenant.value(), role.id().value(), p.value()}).toList());
  }

  @Override
  public Optional<Role> findRole(TenantId tenant, RoleId id) {
    return roles(selectRoles + " AND r.id = ? ORDER BY g.product_id", tenant.value(), id.value()).stream().findFirst();
  }

  @Override
  public List<Role> listRoles(TenantId tenant) {
    return roles(selectRoles + " ORDER BY r.id, g.product_id", tenant.value());
  }

  private List<Role> roles(String query, Object... params) {
    List<JoinedRows.Row<Role, ProductId>> rows = sql.list(query, row -> new JoinedRows.Row<>(
        row.getString("id"),
        Role.builder()
            .id(RoleId.of(row.getString("id")))
            .name(row.getString("name"))
            .description(row.getString("description"))
            .build(),
        Rows.optionalString(row, "product_id").map(ProductId::of)), params);
    return JoinedRows.fold(rows, (role, grants) -> Role.builder().from(role).grants(grants).build());
  }

  @Override
  public void saveJobProfile(TenantId tenant, JobProfile profile) {
    sql.upsert(tables.jobProfiles(), List.of("tenant_id", "id"), List.of("name"),
        tenant.value(), profile.id().value(), profile.name());
    sql.update("DELETE FROM " + tables.jobProfileRoles() + " WHERE tenant_id = ? AND job_profile_id = ?",
        tenant.value(), profile.id().value());
    sql.batch("INSERT INTO " + tables.jobProfileRoles() + " (tenant_id, job_profile_id, role_id) VALUES (?, ?, ?)",
        profile.roles().stream().map(r -> new Object[] {tenant.value(), profile.id().value(), r.value()}).toList());
  }

  @Override
  public Optional<JobProfile> findJobProfile(TenantId tenant, JobProfileId id) {
    return jobProfiles(selectJobProfiles + " AND j.id = ? ORDER BY x.role_id", tenant.value(), id.value())
        .stream().findFirst();
  }

  @Override
  public List<JobProfile> listJobProfiles(TenantId tenant) {
    return jobProfiles(selectJobProfiles + " ORDER BY j.id, x.role_id", tenant.value());
  }

  private List<JobProfile> jobProfiles(String query, Object... params) {
    List<JoinedRows.Row<JobProfile, RoleId>> rows = sql.list(query, row -> new JoinedRows.Row<>(
        row.getString("id"),
        JobProfile.of(JobProfileId.of(row.getString("id")), row.getString("name"), Set.of()),
        Rows.optionalString(row, "role_id").map(RoleId::of)), params);
    return JoinedRows.fold(rows, (profile, roles) -> JobProfile.of(profile.id(), profile.name(), roles));
  }
}
