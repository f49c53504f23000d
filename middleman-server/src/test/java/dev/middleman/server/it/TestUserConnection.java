package dev.middleman.server.it;

import dev.middleman.mysql.Dsn;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.HashSet;
import java.util.Set;

/**
 * A connection to the test database as the daemons' own user, to look at what they did there:
 * that user sees its own connections in the process list without the PROCESS privilege.
 */
final class TestUserConnection implements AutoCloseable {

  private final Connection connection;

  private TestUserConnection(Connection connection) {
    this.connection = connection;
  }

  static TestUserConnection open() throws SQLException {
    Dsn dsn = Dsn.parse(TestDatabase.dsn());
    return new TestUserConnection(DriverManager.getConnection(
        "jdbc:mysql://" + dsn.host() + ":" + dsn.port() + "/" + dsn.database(), dsn.user(),
        dsn.password()));
  }

  /**
   * The client ports of this user's connections open on the server now, this one left out, as
   * the process list's {@code HOST} ({@code 127.0.0.1:53122}) shows them.
   */
  Set<Integer> clientPortsOfThisUser() throws SQLException {
    Set<Integer> ports = new HashSet<>();
    try (Statement statement = connection.createStatement();
        ResultSet rows = statement.executeQuery("SELECT HOST FROM information_schema.PROCESSLIST"
            + " WHERE ID <> CONNECTION_ID() AND USER = SUBSTRING_INDEX(CURRENT_USER(), '@', 1)")) {
      while (rows.next()) {
        String host = rows.getString(1);
        int colon = host.lastIndexOf(':');
        if (colon > 0) {
          ports.add(Integer.parseInt(host.substring(colon + 1)));
        }
      }
    }
    return ports;
  }

  /** The names of the tables in the test database. */
  Set<String> tables() throws SQLException {
    Set<String> tables = new HashSet<>();
    try (Statement statement = connection.createStatement();
        ResultSet rows = statement.executeQuery(
            "SELECT TABLE_NAME FROM information_schema.TABLES WHERE TABLE_SCHEMA = DATABASE()")) {
      while (rows.next()) {
        tables.add(rows.getString(1));
      }
    }
    return tables;
  }

  @Override
  public void close() throws SQLException {
    connection.close();
  }
}
