package dev.middleman.server.it;

import static org.assertj.core.api.Assertions.fail;

import java.util.UUID;
import org.junit.jupiter.api.Assumptions;

/**
 * The MySQL/MariaDB that .ci/run starts, named by {@code MIDDLEMAN_TEST_MYSQL_DSN}. Under
 * {@code CI=true} a missing database fails the test; elsewhere the test is skipped.
 */
final class TestDatabase {

  private TestDatabase() {}

  static String dsn() {
    String dsn = System.getenv("MIDDLEMAN_TEST_MYSQL_DSN");
    if (dsn == null || dsn.isBlank()) {
      if ("true".equalsIgnoreCase(System.getenv("CI"))) {
        fail("MIDDLEMAN_TEST_MYSQL_DSN is not set, and CI=true needs the MySQL tests to run");
      }
      Assumptions.abort("MIDDLEMAN_TEST_MYSQL_DSN is not set");
    }
    return dsn;
  }

  /** A queue name no earlier run used, so tests sharing the database do not see each other's jobs. */
  static String freshQueue() {
    return "it_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
  }
}
