package org.licensekit.benchmarks;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import org.postgresql.PGConnection;
import org.postgresql.copy.CopyIn;
import org.postgresql.copy.CopyManager;

/**
 * Writes pre-computed chunks as a bulk run's chunks reach the database, with no application logic:
 * one transaction per chunk holding each table's binary {@code COPY}, the pool's seat update for
 * the chunk's claims and, when the chunk has audit entries, the move of the tenant's audit chain
 * head (one row per chunk, as the store's chunks move it). A chunk of new accounts' memberships
 * sets the store's transaction-local {@code licensekit.members_of_new_accounts} first, as the
 * store does, so the memberships' re-key trigger is not fired.
 */
final class FloorWriter {

  private static final String SEATS = "UPDATE lk_pools SET seats_in_use = seats_in_use + ?"
      + " WHERE tenant_id = ? AND id = ? AND seats_in_use + ? <= seats";
  private static final String CHAIN_HEAD = "UPDATE lk_audit_chain_heads SET chain_position = chain_position + ?,"
      + " entry_hash = entry_hash WHERE tenant_id = ?";

  private FloorWriter() {
  }

  /** Writes {@code chunks}, in order, for {@code tenant}'s {@code pool} on {@code connection}. */
  static void write(Connection connection, String tenant, String pool, List<FloorChunk> chunks) throws SQLException {
    boolean autoCommit = connection.getAutoCommit();
    connection.setAutoCommit(false);
    CopyManager copy = connection.unwrap(PGConnection.class).getCopyAPI();
    try (PreparedStatement seats = connection.prepareStatement(SEATS);
        PreparedStatement head = connection.prepareStatement(CHAIN_HEAD); Statement statement = connection.createStatement()) {
      for (FloorChunk chunk : chunks) {
        if (chunk.writesMemberships()) {
          statement.execute("SELECT set_config('licensekit.members_of_new_accounts', 'on', true)");
        }
        for (FloorChunk.Part part : chunk.parts()) {
          CopyIn in = copy.copyIn(part.copySql());
          in.writeToCopy(part.payload(), 0, part.payload().length);
          if (in.endCopy() != part.rows()) {
            throw new IllegalStateException(part.copySql() + " wrote a number of rows other than " + part.rows());
          }
        }
        takeSeats(seats, tenant, pool, chunk.claims());
        if (chunk.auditEntries() > 0) {
          head.setInt(1, chunk.auditEntries());
          head.setString(2, tenant);
          head.executeUpdate();
        }
        connection.commit();
      }
    } catch (SQLException | RuntimeException e) {
      connection.rollback();
      throw e;
    } finally {
      connection.setAutoCommit(autoCommit);
    }
  }

  private static void takeSeats(PreparedStatement seats, String tenant, String pool, int claims) throws SQLException {
    seats.setInt(1, claims);
    seats.setString(2, tenant);
    seats.setString(3, pool);
    seats.setInt(4, claims);
    if (seats.executeUpdate() != 1) {
      throw new IllegalStateException("pool " + pool + " of " + tenant + " has no " + claims + " seats left");
    }
  }
}
