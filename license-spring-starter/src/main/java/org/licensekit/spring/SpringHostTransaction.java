package org.licensekit.spring;

import java.sql.Connection;
import java.util.Optional;
import javax.sql.DataSource;
import org.licensekit.jdbc.HostTransaction;
import org.springframework.jdbc.datasource.DataSourceUtils;

/**
 * Lends the JDBC store the connection of the Spring-managed transaction open on the calling thread,
 * so a command joins a host's {@code @Transactional} method; with none open the command runs in a
 * transaction of its own.
 */
final class SpringHostTransaction implements HostTransaction {

  private final JoinedTransaction joined;
  private final DataSource dataSource;

  SpringHostTransaction(JoinedTransaction joined, DataSource dataSource) {
    this.joined = joined;
    this.dataSource = dataSource;
  }

  @Override
  public Optional<Connection> join() {
    return joined.isOpen() ? Optional.of(DataSourceUtils.getConnection(dataSource)) : Optional.empty();
  }

  @Override
  public void release(Connection connection) {
    DataSourceUtils.releaseConnection(connection, dataSource);
  }
}
