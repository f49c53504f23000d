package dev.middleman.testkit.mysql;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.BooleanSupplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.testcontainers.DockerClientFactory;
import org.testcontainers.containers.MySQLContainer;

/**
 * A MySQL database for tests, emptied before each test. Register it with {@code @RegisterExtension
 * static final MysqlFixture mysql = new MysqlFixture();}.
 *
 * <p>Where the database comes from, in this order:
 *
 * <ol>
 *   <li>the server named by {@code MIDDLEMAN_TEST_MYSQL_DSN} ({@code
 *       user:password@tcp(host:port)/database}), when set: an operator's explicit choice wins;
 *   <li>a MySQL container, when a Docker engine is reachable;
 *   <li>none: the test fails under {@code CI=true} and is skipped otherwise.
 * </ol>
 *
 * <p>"Empty" means every row of every table in the database is deleted, which needs only the
 * DELETE right; the tables themselves stay (the test user may not DROP them).
 */
public final class MysqlFixture implements BeforeAllCallback, BeforeEachCallback {

  public static final String DSN_VARIABLE = "MIDDLEMAN_TEST_MYSQL_DSN";
  private static final Pattern GO_DSN =
      Pattern.compile("([^:@]+):(.*)@tcp\\(([^:()]+):(\\d+)\\)/([^?]+)(\\?.*)?");
  private static final String CONTAINER_IMAGE = "mysql:8.0";

  private static MySQLContainer<?> container;
  private Server server;

  /** The database in Go-MySQL form, {@code user:password@tcp(host:port)/database}. */
  public String dsn() {
    return server().dsn();
  }

  public String host() {
    return server().host();
  }

  public int port() {
    return server().port();
  }

  /** A new connection as the test user; the caller closes it. */
  public Connection connect() throws SQLException {
    Server s = server();
    return DriverManager.getConnection(
        "jdbc:mysql://" + s.host() + ":" + s.port() + "/" + s.database(), s.user(), s.password());
  }

  /**
   * How to stop and start the server, when the environment says so ({@code
   * MIDDLEMAN_TEST_MYSQL_CONTROL}, {@code _DIR}, {@code _PORT}, as {@code .ci/run} exports them).
   */
  public Optional<ServerControl> control() {
    return ServerControl.fromEnvironment();
  }

  /** Like {@link #control()}, but fails under {@code CI=true} and skips elsewhere when absent. */
  public ServerControl requireControl() {
    Optional<ServerControl> control = control();
    if (control.isEmpty()) {
      throw unavailable(System.getenv(), "this test stops and starts MySQL: set MIDDLEMAN_TEST_MYSQL_CONTROL, "
          + "MIDDLEMAN_TEST_MYSQL_DIR and MIDDLEMAN_TEST_MYSQL_PORT (.ci/run does)");
    }
    return control.orElseThrow();
  }

  @Override
  public void beforeAll(ExtensionContext context) {
    server = findServer();
  }

  @Override
  public void beforeEach(ExtensionContext context) throws SQLException {
    emptyAllTables();
  }

  /** Deletes every row of every table in the test database. */
  public void emptyAllTables() throws SQLException {
    try (Connection connection = connect(); Statement statement = connection.createStatement()) {
      List<String> tables = new ArrayList<>();
      try (ResultSet rows = statement.executeQuery("SELECT TABLE_NAME FROM information_schema.TABLES"
          + " WHERE TABLE_SCHEMA = DATABASE() AND TABLE_TYPE = 'BASE TABLE'")) {
        while (rows.next()) {
          tables.add(rows.getString(1));
        }
      }
      for (String table : tables) {
        // Names read back from the server, quoted as identifiers; no test input reaches this SQL.
        statement.executeUpdate("DELETE FROM `" + table.replace("`", "``") + "`");
      }
    }
  }

  private Server server() {
    if (server == null) {
      throw new IllegalStateException("MysqlFixture is used before JUnit started it: register it"
          + " with @RegisterExtension on a static field");
    }
    return server;
  }

  private static Server findServer() {
    return findServer(System.getenv(), MysqlFixture::dockerIsReachable);
  }

  /** Where the tests' MySQL is, given the environment and whether Docker answers. */
  static Server findServer(Map<String, String> env, BooleanSupplier dockerReachable) {
    String dsn = env.get(DSN_VARIABLE);
    if (dsn != null && !dsn.isBlank()) {
      return Server.parse(dsn.strip());
    }
    if (dockerReachable.getAsBoolean()) {
      return containerServer();
    }
    throw unavailable(env, "no MySQL for tests: set " + DSN_VARIABLE
        + "=user:password@tcp(host:port)/database or make a Docker engine reachable");
  }

  private static boolean dockerIsReachable() {
    try {
      return DockerClientFactory.instance().isDockerAvailable();
    } catch (RuntimeException e) {
      return false;
    }
  }

  private static synchronized Server containerServer() {
    if (container == null) {
      container = new MySQLContainer<>(CONTAINER_IMAGE);
      container.start();
    }
    return new Server(container.getUsername(), container.getPassword(), container.getHost(),
        container.getMappedPort(MySQLContainer.MYSQL_PORT), container.getDatabaseName());
  }

  /**
   * Under CI a missing MySQL is a failure, never a skip.
   *
   * @return the failure to throw under CI; elsewhere it aborts (skips) the test itself
   */
  static IllegalStateException unavailable(Map<String, String> env, String reason) {
    if ("true".equalsIgnoreCase(env.get("CI"))) {
      return new IllegalStateException(reason + " (CI=true: failing instead of skipping)");
    }
    return Assumptions.abort(reason);
  }

  record Server(String user, String password, String host, int port, String database) {

    static Server parse(String dsn) {
      Matcher matcher = GO_DSN.matcher(dsn);
      if (!matcher.matches()) {
        throw new IllegalStateException(DSN_VARIABLE + " is not user:password@tcp(host:port)/database");
      }
      return new Server(matcher.group(1), matcher.group(2), matcher.group(3),
          Integer.parseInt(matcher.group(4)), matcher.group(5));
    }

    String dsn() {
      return user + ":" + password + "@tcp(" + host + ":" + port + ")/" + database;
    }
  }
}
