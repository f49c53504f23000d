package dev.middleman.mysql;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.HashMap;
import java.util.Map;
import java.util.Properties;

/**
 * Opens the election's own connections, outside any pool: a named lock lives exactly as long as
 * the connection that took it, so these connections must never be shared, recycled or silently
 * reconnected.
 *
 * @param jdbcUrl a {@code jdbc:mysql://} URL
 * @param options JDBC driver properties from the DSN (TLS, character set...); the election's own
 *     timeouts take precedence over any given here
 */
public record DedicatedConnectionSource(String jdbcUrl, String user, String password,
    Map<String, String> options) {

  /** Fails fast when the server is unreachable, rather than stalling the election. */
  private static final String CONNECT_TIMEOUT_MILLIS = "2000";
  /** Bounds every statement; the election's statements all answer at once. */
  private static final String SOCKET_TIMEOUT_MILLIS = "3000";
  /**
   * The election pings its connections twice a second, so one idle this long has been cut off
   * from this node (a network partition): the server then drops it and frees its locks instead
   * of keeping them for the default eight hours.
   */
  private static final int SERVER_IDLE_TIMEOUT_SECONDS = 10;

  public DedicatedConnectionSource {
    options = Map.copyOf(options);
  }

  public DedicatedConnectionSource(String jdbcUrl, String user, String password) {
    this(jdbcUrl, user, password, Map.of());
  }

  /**
   * The election's connections go to the database that holds the jobs, so grabs can be fenced,
   * with the DSN's driver options (TLS and the like).
   */
  static DedicatedConnectionSource of(Dsn dsn) {
    Map<String, String> options = new HashMap<>();
    dsn.driverProperties().forEach((key, value) -> options.put(key.toString(), value.toString()));
    return new DedicatedConnectionSource(dsn.jdbcUrl(), dsn.user(), dsn.password(), options);
  }

  Connection open() throws SQLException {
    Properties properties = new Properties();
    properties.putAll(options);
    properties.setProperty("user", user);
    properties.setProperty("password", password);
    properties.setProperty("connectTimeout", CONNECT_TIMEOUT_MILLIS);
    properties.setProperty("socketTimeout", SOCKET_TIMEOUT_MILLIS);
    properties.setProperty("autoReconnect", "false");
    Connection connection = DriverManager.getConnection(jdbcUrl, properties);
    try (Statement statement = connection.createStatement()) {
      statement.execute("SET SESSION wait_timeout = " + SERVER_IDLE_TIMEOUT_SECONDS);
    } catch (SQLException e) {
      connection.close();
      throw e;
    }
    return connection;
  }

  @Override
  public String toString() {
    return "DedicatedConnectionSource[" + jdbcUrl + ", user " + user + "]";
  }
}
