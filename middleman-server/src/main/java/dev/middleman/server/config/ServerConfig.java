package dev.middleman.server.config;

import static dev.middleman.server.config.Setting.*;

import dev.middleman.core.DispatchSettings;
import dev.middleman.core.MiddlemanSettings;
import dev.middleman.mysql.Dsn;
import dev.middleman.server.config.StorageConfig.Driver;
import dev.middleman.server.logging.LogLevel;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The daemon's configuration, checked as a whole at start and immutable afterwards.
 *
 * @param effective every setting with the value in effect (DSN passwords masked), for the start-up
 *     log and {@code GET /settings}
 */
public record ServerConfig(
    Listen listen,
    StorageConfig storage,
    MiddlemanSettings middleman,
    boolean keepAlive,
    long maxBodySize,
    LogConfig logs,
    Path pidFile,
    Map<String, Object> effective) {

  public ServerConfig {
    effective = Collections.unmodifiableMap(new LinkedHashMap<>(effective));
  }

  public Optional<Path> pidFileIfAny() {
    return Optional.ofNullable(pidFile);
  }

  /**
   * Checks every setting.
   *
   * @param raw every setting's value as given (flag, environment or default)
   * @param env the process environment, for {@code DEBUG} and {@code SERVER_STARTER_PORT}
   * @throws ConfigException naming the first bad setting and its value
   */
  static ServerConfig from(Map<Setting, RawValue> raw, Map<String, String> env) {
    Map<String, Object> effective = new LinkedHashMap<>();
    Reader read = new Reader(raw, effective);

    Listen listen = listen(read, env);
    StorageConfig storage = storage(read);

    String defaultQueue = read.optional(QUEUE_DEFAULT, Values::queueName);
    long pollingInterval = read.value(QUEUE_DEFAULT_POLLING_INTERVAL, Values::pollingInterval);
    int maxWorkers = read.value(QUEUE_DEFAULT_MAX_WORKERS, Values::positiveInt);
    long refreshInterval = read.value(CONFIG_REFRESH_INTERVAL, Values::positiveLong);
    long shutdownTimeout = read.value(SHUTDOWN_TIMEOUT, Values::nonNegativeLong);
    boolean keepAlive = read.value(KEEP_ALIVE, Values::bool);
    Boolean dispatchKeepAlive = read.optional(DISPATCH_KEEP_ALIVE, Values::bool);
    if (dispatchKeepAlive == null) {
      dispatchKeepAlive = keepAlive;
      effective.put(DISPATCH_KEEP_ALIVE.key(), keepAlive);
    }
    DispatchSettings dispatch = new DispatchSettings(
        dispatchKeepAlive,
        read.value(DISPATCH_MAX_CONNS_PER_HOST, Values::nonNegativeInt),
        Duration.ofSeconds(read.value(DISPATCH_IDLE_CONN_TIMEOUT, Values::nonNegativeLong)),
        read.value(DISPATCH_USER_AGENT, Values::nonBlank));
    MiddlemanSettings middleman = new MiddlemanSettings(defaultQueue, pollingInterval, maxWorkers,
        Duration.ofMillis(refreshInterval), Duration.ofSeconds(shutdownTimeout), dispatch);

    LogLevel fallback = LogLevel.fallback(env.get("DEBUG"));
    LogConfig logs = new LogConfig(
        read.optional(ERROR_LOG, Values::appendableFile),
        read.orElse(ERROR_LOG_LEVEL, Values::level, fallback, LogLevel::wireName),
        read.optional(ACCESS_LOG, Values::appendableFile),
        read.value(ACCESS_LOG_TAG, Values::nonBlank),
        read.optional(QUEUE_LOG, Values::appendableFile),
        read.orElse(QUEUE_LOG_LEVEL, Values::level, fallback, LogLevel::wireName),
        read.value(QUEUE_LOG_TAG, Values::nonBlank));
    Path pidFile = read.optional(PID, Values::path);
    long maxBodySize = read.value(MAX_BODY_SIZE, Values::positiveLong);

    return new ServerConfig(listen, storage, middleman, keepAlive, maxBodySize, logs, pidFile,
        effective);
  }

  private static Listen listen(Reader read, Map<String, String> env) {
    RawValue bind = read.raw(BIND);
    Listen.Bind bound = new Listen.Bind(read.value(BIND, Values::address), bind.describe());
    String inherited = env.get(ServerStarterPort.ENV);
    if (inherited == null || inherited.isBlank()) {
      return bound;
    }
    return new Listen.Inherited(ServerStarterPort.parse(inherited));
  }

  private static StorageConfig storage(Reader read) {
    Dsn main = read.optional(MYSQL_DSN, Reader::dsn);
    Dsn queue = read.optional(QUEUE_MYSQL_DSN, Reader::dsn);
    Dsn repository = read.optional(REPOSITORY_MYSQL_DSN, Reader::dsn);
    int maxConnections = read.value(MYSQL_MAX_CONNECTIONS, Values::positiveInt);
    boolean anyDsn = main != null || queue != null || repository != null;
    Driver driver = read.orElse(DRIVER, Driver::parse, anyDsn ? Driver.MYSQL : Driver.IN_MEMORY,
        Driver::wireName);
    if (driver == Driver.IN_MEMORY) {
      return new StorageConfig(driver, null, null, maxConnections);
    }
    Dsn queueDsn = queue != null ? queue : main;
    Dsn repositoryDsn = repository != null ? repository : main;
    if (!anyDsn) {
      throw read.raw(DRIVER).invalid("needs " + MYSQL_DSN.env() + " (or both "
          + QUEUE_MYSQL_DSN.env() + " and " + REPOSITORY_MYSQL_DSN.env() + ")");
    }
    if (queueDsn == null || repositoryDsn == null) {
      Setting set = queueDsn == null ? REPOSITORY_MYSQL_DSN : QUEUE_MYSQL_DSN;
      Setting missing = queueDsn == null ? QUEUE_MYSQL_DSN : REPOSITORY_MYSQL_DSN;
      throw new ConfigException(set.env() + " is set but " + missing.env() + " is not, and there"
          + " is no " + MYSQL_DSN.env() + " to stand in for it");
    }
    return new StorageConfig(driver, queueDsn, repositoryDsn, maxConnections);
  }
}
