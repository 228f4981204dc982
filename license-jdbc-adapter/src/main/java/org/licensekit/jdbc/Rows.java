package org.licensekit.jdbc;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.Optional;
import org.licensekit.core.domain.Actor;
import org.licensekit.core.domain.ActorKind;

/** Reads the adapter's column encodings back into domain types. */
final class Rows {

  private Rows() {}

  static Instant instant(ResultSet row, String column) throws SQLException {
    return optionalInstant(row, column)
        .orElseThrow(() -> new SQLException("Column " + column + " is NULL but must not be"));
  }

  static Optional<Instant> optionalInstant(ResultSet row, String column) throws SQLException {
    return Optional.ofNullable(row.getObject(column, OffsetDateTime.class)).map(OffsetDateTime::toInstant);
  }

  static Optional<LocalDate> optionalDate(ResultSet row, String column) throws SQLException {
    return Optional.ofNullable(row.getObject(column, LocalDate.class));
  }

  static Optional<String> optionalString(ResultSet row, String column) throws SQLException {
    return Optional.ofNullable(row.getString(column));
  }

  static <E extends Enum<E>> E enumValue(ResultSet row, String column, Class<E> type) throws SQLException {
    return Enum.valueOf(type, row.getString(column));
  }

  static Actor actor(ResultSet row, String kindColumn, String idColumn) throws SQLException {
    return new Actor(enumValue(row, kindColumn, ActorKind.class), row.getString(idColumn));
  }

  static Optional<Actor> optionalActor(ResultSet row, String kindColumn, String idColumn) throws SQLException {
    String kind = row.getString(kindColumn);
    return kind == null ? Optional.empty() : Optional.of(new Actor(ActorKind.valueOf(kind), row.getString(idColumn)));
  }

  /** The actor's kind, for its kind column; NULL for an absent actor. */
  static Optional<String> kindOf(Optional<Actor> actor) {
    return actor.map(a -> a.kind().name());
  }

  /** The actor's id, for its id column; NULL for an absent actor. */
  static Optional<String> idOf(Optional<Actor> actor) {
    return actor.map(Actor::id);
  }
}
