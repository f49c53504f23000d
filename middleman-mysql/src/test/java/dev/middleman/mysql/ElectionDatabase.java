package dev.middleman.mysql;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The MariaDB the election tests run against, from {@code MIDDLEMAN_TEST_MYSQL_DSN}
 * ({@code user:password@tcp(host:port)/database}). Without it a test is skipped, or fails under
 * {@code CI=true}.
 */
final class ElectionDatabase {

  private static final Pattern DSN = Pattern.compile("([^:@]+):([^@]*)@tcp\\(([^:)]+):(\\d+)\\)/([^?]+).*");

  private ElectionDatabase() {}

  static DedicatedConnectionSource source() {
    String dsn = System.getenv("MIDDLEMAN_TEST_MYSQL_DSN");
    if (dsn == null || dsn.isBlank()) {
      if ("true".equals(System.getenv("CI"))) {
        fail("MIDDLEMAN_TEST_MYSQL_DSN is not set, and under CI=true the MySQL tests must run");
      }
      assumeTrue(false, "MIDDLEMAN_TEST_MYSQL_DSN is not set");
    }
    Matcher parts = DSN.matcher(dsn);
    if (!parts.matches()) {
      fail("MIDDLEMAN_TEST_MYSQL_DSN is not user:password@tcp(host:port)/database: " + dsn);
    }
    String url = "jdbc:mysql://" + parts.group(3) + ":" + parts.group(4) + "/" + parts.group(5);
    return new DedicatedConnectionSource(url, parts.group(1), parts.group(2));
  }

  /** Cuts a connection from the server's side, as an operator's {@code KILL} would. */
  static void kill(DedicatedConnectionSource source, long connectionId) throws SQLException {
    try (Connection connection = DriverManager.getConnection(
            source.jdbcUrl(), source.user(), source.password());
        PreparedStatement statement = connection.prepareStatement("KILL ?")) {
      statement.setLong(1, connectionId);
      statement.execute();
    }
  }

  /** The test database's control script, to stop and start it. */
  static Control control() {
    return new Control(required("MIDDLEMAN_TEST_MYSQL_CONTROL"), required("MIDDLEMAN_TEST_MYSQL_DIR"),
        required("MIDDLEMAN_TEST_MYSQL_PORT"));
  }

  record Control(String script, String dir, String port) {

    void stop() throws IOException, InterruptedException {
      run(new ProcessBuilder(script, "stop", dir), "stop");
    }

    void start() throws IOException, InterruptedException {
      run(new ProcessBuilder(script, "start", dir, port), "start");
    }

    private static void run(ProcessBuilder command, String what)
        throws IOException, InterruptedException {
      Process process = command.inheritIO().start();
      assertThat(process.waitFor(90, TimeUnit.SECONDS)).as(what + " finished in time").isTrue();
      assertThat(process.exitValue()).as(what + " exit status").isZero();
    }
  }

  private static String required(String name) {
    String value = System.getenv(name);
    if (value == null || value.isBlank()) {
      if ("true".equals(System.getenv("CI"))) {
        fail(name + " is not set, and under CI=true the database outage tests must run");
      }
      assumeTrue(false, name + " is not set");
    }
    return value;
  }
}
