package dev.middleman.mysql;

import dev.middleman.testkit.mysql.MysqlFixture;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;

/** What the election tests need from the shared test database beyond the fixture. */
final class ElectionDatabase {

  private ElectionDatabase() {}

  /** Where an election under test connects: the fixture's database, as the driver would. */
  static DedicatedConnectionSource source(MysqlFixture mysql) {
    return DedicatedConnectionSource.of(Dsn.parse(mysql.dsn()));
  }

  /**
   * Cuts a connection from the server's side, as an operator's {@code KILL} would. A user may kill
   * its own connections without any extra privilege, and every node logs in as the test user.
   */
  static void kill(MysqlFixture mysql, long connectionId) throws SQLException {
    try (Connection connection = mysql.connect();
        PreparedStatement statement = connection.prepareStatement("KILL ?")) {
      statement.setLong(1, connectionId);
      statement.execute();
    }
  }
}
