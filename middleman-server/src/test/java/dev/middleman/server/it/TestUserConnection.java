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

  /** Connections of this user open on the server now, this one left out. */
  int otherConnectionsOfThisUser() throws SQLException {
    try (Statement statement = connection.createStatement();
        ResultSet row = statement.executeQuery("SELECT COUNT(*) FROM information_schema.PROCESSLIST"
            + " WHERE ID <> CONNECTION_ID() AND USER = SUBSTRING_INDEX(CURRENT_USER(), '@', 1)")) {
      row.next();
      return row.getInt(1);
    }
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
