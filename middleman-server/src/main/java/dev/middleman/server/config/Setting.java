package dev.middleman.server.config;

import dev.middleman.core.Version;
import java.util.Locale;

/**
 * Every setting of the daemon. Each is the environment variable {@code MIDDLEMAN_<NAME>} and the
 * flag {@code --<name-in-kebab-case>}; a flag beats its environment variable.
 */
public enum Setting {
  BIND("127.0.0.1:8080", "HOST:PORT", "Address to listen on (':PORT' listens on every interface)."),
  DRIVER(null, "NAME", "Storage driver: mysql or in-memory. Default: mysql when a MySQL DSN is set, else in-memory (jobs are not durable)."),
  MYSQL_DSN(null, "DSN", "MySQL/MariaDB database: user:password@tcp(host:port)/database?options, or a jdbc:mysql:// URL."),
  QUEUE_MYSQL_DSN(null, "DSN", "Database for jobs and failure logs. Default: the MySQL DSN."),
  REPOSITORY_MYSQL_DSN(null, "DSN", "Database for queue definitions and routings. Default: the MySQL DSN."),
  MYSQL_MAX_CONNECTIONS("10", "N", "Most connections this node holds open to each database."),
  QUEUE_DEFAULT(null, "NAME", "Queue for job categories with no routing; created at start if missing."),
  QUEUE_DEFAULT_POLLING_INTERVAL("200", "MS", "Polling interval of queues defined without one, in milliseconds."),
  QUEUE_DEFAULT_MAX_WORKERS("20", "N", "Jobs in flight at once for queues defined without a limit."),
  CONFIG_REFRESH_INTERVAL("1000", "MS", "Milliseconds between checks for definitions changed by other nodes."),
  SHUTDOWN_TIMEOUT("30", "S", "Seconds a graceful stop waits for API requests and jobs in flight."),
  KEEP_ALIVE("false", "BOOL", "Keep API client connections open between requests."),
  DISPATCH_KEEP_ALIVE(null, "BOOL", "Reuse connections to workers. Default: as keep-alive."),
  DISPATCH_MAX_CONNS_PER_HOST("10", "N", "Idle connections kept open per worker host."),
  DISPATCH_IDLE_CONN_TIMEOUT("0", "S", "Seconds an idle worker connection is kept; 0 keeps it until the worker closes it."),
  DISPATCH_USER_AGENT("Middleman/" + Version.current(), "TEXT", "User-Agent header of worker calls."),
  ERROR_LOG(null, "FILE", "Error log file (JSON lines). Default: standard error, human-readable."),
  ERROR_LOG_LEVEL(null, "LEVEL", "Lowest level written to the error log: debug, info, warn, error, fatal or 0-4. Default: debug if DEBUG is set, else info."),
  ACCESS_LOG(null, "FILE", "Access log file (JSON lines). Default: standard output."),
  ACCESS_LOG_TAG("middleman.access", "TAG", "The tag field of access log lines."),
  QUEUE_LOG(null, "FILE", "Queue log file (JSON lines). Default: standard output."),
  QUEUE_LOG_LEVEL(null, "LEVEL", "Lowest level written to the queue log, as for the error log."),
  QUEUE_LOG_TAG("middleman.queue", "TAG", "The tag field of queue log lines."),
  PID(null, "FILE", "File to write the process id to; removed at a clean exit."),
  MAX_BODY_SIZE("16777216", "BYTES", "Largest API request body accepted.");

  private final String defaultValue;
  private final String label;
  private final String description;

  Setting(String defaultValue, String label, String description) {
    this.defaultValue = defaultValue;
    this.label = label;
    this.description = description;
  }

  /** The environment variable, such as {@code MIDDLEMAN_QUEUE_DEFAULT}. */
  public String env() {
    return "MIDDLEMAN_" + name();
  }

  /** The command-line flag, such as {@code --queue-default}. */
  public String flag() {
    return "--" + name().toLowerCase(Locale.ROOT).replace('_', '-');
  }

  /** The key in the effective configuration and {@code GET /settings}, such as {@code queue_default}. */
  public String key() {
    return name().toLowerCase(Locale.ROOT);
  }

  /** The default as text, or {@code null} when the default depends on other settings or is none. */
  public String defaultValue() {
    return defaultValue;
  }

  public String label() {
    return label;
  }

  public String description() {
    return description;
  }
}
