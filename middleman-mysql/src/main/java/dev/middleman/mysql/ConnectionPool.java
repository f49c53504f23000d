package dev.middleman.mysql;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import java.sql.Connection;
import java.util.Properties;

/** A bounded HikariCP pool on one database, tuned to fail fast while the server is away. */
final class ConnectionPool {

  /** How long a caller waits for a connection before the storage counts as unavailable. */
  static final long CONNECTION_TIMEOUT_MS = 2_500;

  private ConnectionPool() {}

  static HikariDataSource open(String poolName, Dsn dsn, int maxPoolSize) {
    if (maxPoolSize < 1) {
      throw new IllegalArgumentException("the MySQL pool size must be at least 1, got " + maxPoolSize);
    }
    HikariConfig config = new HikariConfig();
    config.setPoolName(poolName);
    config.setJdbcUrl(dsn.jdbcUrl());
    config.setUsername(dsn.user());
    config.setPassword(dsn.password());
    config.setDataSourceProperties(driverProperties(dsn));
    config.setMaximumPoolSize(maxPoolSize);
    config.setMinimumIdle(Math.min(2, maxPoolSize));
    config.setConnectionTimeout(CONNECTION_TIMEOUT_MS);
    config.setValidationTimeout(1_000);
    config.setKeepaliveTime(30_000);
    config.setIdleTimeout(300_000);
    config.setMaxLifetime(600_000);
    // Grabs lock only the rows they take; REPEATABLE READ's gap locks would block pushes meanwhile.
    config.setTransactionIsolation("TRANSACTION_READ_COMMITTED");
    // Fail at once when the server is away at start: the caller reports it.
    config.setInitializationFailTimeout(1);
    return new HikariDataSource(config);
  }

  private static Properties driverProperties(Dsn dsn) {
    Properties properties = new Properties();
    properties.setProperty("connectTimeout", "2000");
    // Bounds a call on a connection whose server vanished without closing it.
    properties.setProperty("socketTimeout", "15000");
    properties.setProperty("characterEncoding", "UTF-8");
    properties.setProperty("connectionCollation", "utf8mb4_bin");
    properties.setProperty("tcpKeepAlive", "true");
    properties.setProperty("useServerPrepStmts", "false");
    properties.setProperty("cachePrepStmts", "true");
    // The parsed form of every statement text, per connection: multi-row pushes and grabs exceed
    // the driver's default limit of 256 characters, and were parsed again on every call.
    properties.setProperty("prepStmtCacheSize", "256");
    properties.setProperty("prepStmtCacheSqlLimit", "65536");
    properties.putAll(dsn.driverProperties());
    return properties;
  }

  /** Whether the pool can hand out a working connection right now. */
  static boolean answers(HikariDataSource pool) {
    try (Connection connection = pool.getConnection()) {
      return connection.isValid(1);
    } catch (Exception e) {
      return false;
    }
  }
}
