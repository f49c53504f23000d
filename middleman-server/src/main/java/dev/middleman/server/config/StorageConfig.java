package dev.middleman.server.config;

import dev.middleman.mysql.Dsn;

/**
 * Which storage driver to open.
 *
 * @param queueDsn jobs and failure logs; {@code null} for in-memory
 * @param repositoryDsn definitions; {@code null} for in-memory
 * @param maxConnections the most connections held to each database
 */
public record StorageConfig(Driver driver, Dsn queueDsn, Dsn repositoryDsn, int maxConnections) {

  public enum Driver {
    MYSQL("mysql"),
    IN_MEMORY("in-memory");

    private final String wireName;

    Driver(String wireName) {
      this.wireName = wireName;
    }

    public String wireName() {
      return wireName;
    }

    static Driver parse(RawValue value) {
      for (Driver driver : values()) {
        if (driver.wireName.equalsIgnoreCase(value.text().trim())) {
          return driver;
        }
      }
      throw value.invalid("unknown driver; use mysql or in-memory");
    }
  }
}
