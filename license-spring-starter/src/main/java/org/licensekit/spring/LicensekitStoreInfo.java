package org.licensekit.spring;

import java.util.Objects;
import java.util.Optional;
import javax.sql.DataSource;

/**
 * Which store the starter configured, for the health indicator: the JDBC store (with its data source
 * and the history table of its migrations) or the in-memory store. There is no bean of this type
 * when the application brings its own store ({@link Kind#APPLICATION}).
 *
 * @param kind the kind of store
 * @param dataSource the JDBC store's data source
 * @param schemaHistoryTable the qualified name of the JDBC store's migration history table
 */
public record LicensekitStoreInfo(Kind kind, Optional<DataSource> dataSource, Optional<String> schemaHistoryTable) {

  /** The kinds of store the starter configures. */
  public enum Kind {
    /** The JDBC store on the application's DataSource. */
    JDBC,
    /** The in-memory store: nothing is kept. */
    IN_MEMORY,
    /** A store the application defined itself. */
    APPLICATION
  }

  /**
   * Store details.
   *
   * @throws NullPointerException when a component is null
   */
  public LicensekitStoreInfo {
    Objects.requireNonNull(kind, "kind");
    Objects.requireNonNull(dataSource, "dataSource");
    Objects.requireNonNull(schemaHistoryTable, "schemaHistoryTable");
  }

  static LicensekitStoreInfo jdbc(DataSource dataSource, LicensekitProperties.Jdbc jdbc) {
    String schema = jdbc.getSchema().isEmpty() ? "" : jdbc.getSchema() + ".";
    return new LicensekitStoreInfo(Kind.JDBC, Optional.of(dataSource), Optional.of(schema + jdbc.getTablePrefix() + "schema_history"));
  }

  static LicensekitStoreInfo inMemory() {
    return new LicensekitStoreInfo(Kind.IN_MEMORY, Optional.empty(), Optional.empty());
  }

  /**
   * The details of a store the application defined itself: nothing known.
   *
   * @return the details
   */
  public static LicensekitStoreInfo application() {
    return new LicensekitStoreInfo(Kind.APPLICATION, Optional.empty(), Optional.empty());
  }
}
