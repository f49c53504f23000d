package dev.middleman.server.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.middleman.core.Version;
import dev.middleman.server.config.ConfigLoader.Request;
import dev.middleman.server.config.StorageConfig.Driver;
import dev.middleman.server.logging.LogLevel;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ConfigLoaderTest {

  @org.junit.jupiter.api.io.TempDir
  java.nio.file.Path dir;

  @Test
  void without_settings_uses_the_documented_defaults_and_the_in_memory_driver() {
    ServerConfig config = load(Map.of());

    assertThat(config.listen()).isEqualTo(
        new Listen.Bind(new InetSocketAddress("127.0.0.1", 8080), "MIDDLEMAN_BIND=127.0.0.1:8080"));
    assertThat(config.storage().driver()).isEqualTo(Driver.IN_MEMORY);
    assertThat(config.storage().maxConnections()).isEqualTo(10);
    assertThat(config.middleman().defaultQueue()).isNull();
    assertThat(config.middleman().defaultPollingInterval()).isEqualTo(200);
    assertThat(config.middleman().defaultMaxWorkers()).isEqualTo(20);
    assertThat(config.middleman().configRefreshInterval()).isEqualTo(Duration.ofSeconds(1));
    assertThat(config.middleman().shutdownTimeout()).isEqualTo(Duration.ofSeconds(30));
    assertThat(config.middleman().dispatch().keepAlive()).isFalse();
    assertThat(config.middleman().dispatch().maxConnsPerHost()).isEqualTo(10);
    assertThat(config.middleman().dispatch().userAgent()).isEqualTo("Middleman/" + Version.current());
    assertThat(config.keepAlive()).isFalse();
    assertThat(config.maxBodySize()).isEqualTo(16 * 1024 * 1024);
    assertThat(config.logs()).isEqualTo(new LogConfig(null, LogLevel.INFO, null, "middleman.access",
        null, LogLevel.INFO, "middleman.queue"));
    assertThat(config.pidFileIfAny()).isEmpty();
  }

  @Test
  void the_effective_configuration_has_every_setting() {
    Map<String, Object> effective = load(Map.of()).effective();

    assertThat(effective.keySet()).containsExactlyInAnyOrder(
        java.util.Arrays.stream(Setting.values()).map(Setting::key).toArray(String[]::new));
    assertThat(effective).containsEntry("driver", "in-memory").containsEntry("bind", "127.0.0.1:8080")
        .containsEntry("queue_default_max_workers", 20).containsEntry("dispatch_keep_alive", false);
  }

  @Test
  void a_flag_beats_its_environment_variable() {
    ServerConfig config = load(Map.of("MIDDLEMAN_QUEUE_DEFAULT_MAX_WORKERS", "7",
        "MIDDLEMAN_QUEUE_DEFAULT", "from-env"), "--queue-default-max-workers=9");

    assertThat(config.middleman().defaultMaxWorkers()).isEqualTo(9);
    assertThat(config.middleman().defaultQueue()).isEqualTo("from-env");
  }

  @Test
  void every_setting_is_read_from_its_environment_variable() {
    ServerConfig config = load(Map.ofEntries(
        Map.entry("MIDDLEMAN_BIND", ":9090"),
        Map.entry("MIDDLEMAN_SHUTDOWN_TIMEOUT", "5"),
        Map.entry("MIDDLEMAN_KEEP_ALIVE", "true"),
        Map.entry("MIDDLEMAN_DISPATCH_IDLE_CONN_TIMEOUT", "60"),
        Map.entry("MIDDLEMAN_DISPATCH_USER_AGENT", "Robot/1"),
        Map.entry("MIDDLEMAN_ERROR_LOG_LEVEL", "3"),
        Map.entry("MIDDLEMAN_QUEUE_LOG_LEVEL", "Warning"),
        Map.entry("MIDDLEMAN_QUEUE_LOG", dir.resolve("logs/queue.log").toString()),
        Map.entry("MIDDLEMAN_ACCESS_LOG_TAG", "api"),
        Map.entry("MIDDLEMAN_PID", "/run/middleman.pid"),
        Map.entry("MIDDLEMAN_MAX_BODY_SIZE", "1024")));

    assertThat(config.listen()).isEqualTo(new Listen.Bind(new InetSocketAddress(9090), "MIDDLEMAN_BIND=:9090"));
    assertThat(config.middleman().shutdownTimeout()).isEqualTo(Duration.ofSeconds(5));
    assertThat(config.keepAlive()).isTrue();
    assertThat(config.middleman().dispatch().keepAlive()).as("follows keep-alive").isTrue();
    assertThat(config.middleman().dispatch().idleConnTimeout()).isEqualTo(Duration.ofMinutes(1));
    assertThat(config.middleman().dispatch().userAgent()).isEqualTo("Robot/1");
    assertThat(config.logs().errorLevel()).isEqualTo(LogLevel.ERROR);
    assertThat(config.logs().queueLevel()).isEqualTo(LogLevel.WARN);
    assertThat(config.logs().queueLog()).isEqualTo(dir.resolve("logs/queue.log")).exists();
    assertThat(config.logs().accessTag()).isEqualTo("api");
    assertThat(config.pidFile()).hasToString("/run/middleman.pid");
    assertThat(config.maxBodySize()).isEqualTo(1024);
  }

  @Test
  void log_levels_fall_back_to_debug_when_DEBUG_is_set() {
    assertThat(load(Map.of("DEBUG", "1")).logs().errorLevel()).isEqualTo(LogLevel.DEBUG);
    assertThat(load(Map.of("DEBUG", "1")).logs().queueLevel()).isEqualTo(LogLevel.DEBUG);
    assertThat(load(Map.of("DEBUG", "")).logs().queueLevel()).isEqualTo(LogLevel.INFO);
  }

  @Test
  void levels_are_read_by_name_or_number_and_fatal_logs_as_error() {
    assertThat(LogLevel.parse("0")).isEqualTo(LogLevel.DEBUG);
    assertThat(LogLevel.parse("4")).isEqualTo(LogLevel.FATAL);
    assertThat(LogLevel.parse("INFO")).isEqualTo(LogLevel.INFO);
    assertThat(LogLevel.FATAL.logback()).isEqualTo(ch.qos.logback.classic.Level.ERROR);
  }

  @Test
  void a_socket_from_server_starter_replaces_the_bind_address() {
    ServerConfig config = load(Map.of("SERVER_STARTER_PORT", "127.0.0.1:8080=3;127.0.0.1:8081=4"));

    assertThat(config.listen()).isEqualTo(new Listen.Inherited(new ServerStarterPort("127.0.0.1:8080", 3)));
  }

  @Test
  void server_starter_ports_are_read_with_or_without_a_host() {
    assertThat(ServerStarterPort.parse("8080=5")).isEqualTo(new ServerStarterPort("8080", 5));
    assertThat(ServerStarterPort.parse("[::1]:8080=3")).isEqualTo(new ServerStarterPort("[::1]:8080", 3));
    assertThatThrownBy(() -> ServerStarterPort.parse("8080=x"))
        .hasMessage("SERVER_STARTER_PORT=8080=x: the file descriptor after '=' must be a number");
  }

  @Test
  void an_unparsable_number_is_reported_with_its_variable_and_value() {
    assertBad(Map.of("MIDDLEMAN_QUEUE_DEFAULT_MAX_WORKERS", "abc"), new String[0],
        "MIDDLEMAN_QUEUE_DEFAULT_MAX_WORKERS=abc: must be a whole number");
  }

  @Test
  void a_bad_flag_is_reported_with_the_flag_and_value() {
    assertBad(Map.of(), new String[] {"--shutdown-timeout=-1"}, "--shutdown-timeout=-1: must not be negative");
    assertBad(Map.of(), new String[] {"--queue-default-polling-interval=0"},
        "--queue-default-polling-interval=0: must be greater than 0");
  }

  @Test
  void nonsense_addresses_drivers_booleans_levels_and_queue_names_are_refused() {
    assertBad(Map.of("MIDDLEMAN_BIND", "nonsense"), new String[0],
        "MIDDLEMAN_BIND=nonsense: must be HOST:PORT, such as 127.0.0.1:8080");
    assertBad(Map.of("MIDDLEMAN_BIND", "127.0.0.1:99999"), new String[0],
        "MIDDLEMAN_BIND=127.0.0.1:99999: port must be a number from 0 to 65535");
    assertBad(Map.of("MIDDLEMAN_DRIVER", "postgres"), new String[0],
        "MIDDLEMAN_DRIVER=postgres: unknown driver; use mysql or in-memory");
    assertBad(Map.of("MIDDLEMAN_KEEP_ALIVE", "maybe"), new String[0],
        "MIDDLEMAN_KEEP_ALIVE=maybe: must be true or false");
    assertBad(Map.of("MIDDLEMAN_QUEUE_LOG_LEVEL", "loud"), new String[0],
        "MIDDLEMAN_QUEUE_LOG_LEVEL=loud: must be debug, info, warn, error, fatal or a number from 0 to 4");
    assertBad(Map.of("MIDDLEMAN_QUEUE_DEFAULT", "no spaces"), new String[0],
        "MIDDLEMAN_QUEUE_DEFAULT=no spaces: a queue name is 1 to 64 characters of A-Z a-z 0-9 _ . -");
  }

  @Test
  void a_log_file_that_cannot_be_written_is_refused() throws Exception {
    java.nio.file.Path notAFolder = java.nio.file.Files.createFile(dir.resolve("plain-file"));

    assertThatThrownBy(() -> load(Map.of("MIDDLEMAN_ACCESS_LOG", notAFolder.resolve("access.log").toString())))
        .isInstanceOf(ConfigException.class)
        .hasMessageStartingWith("MIDDLEMAN_ACCESS_LOG=" + notAFolder.resolve("access.log") + ": cannot write to it");
  }

  @Test
  void the_mysql_driver_needs_a_dsn() {
    assertBad(Map.of("MIDDLEMAN_DRIVER", "mysql"), new String[0],
        "MIDDLEMAN_DRIVER=mysql: needs MIDDLEMAN_MYSQL_DSN (or both MIDDLEMAN_QUEUE_MYSQL_DSN and MIDDLEMAN_REPOSITORY_MYSQL_DSN)");
  }

  @Test
  void a_default_polling_interval_beyond_a_minute_is_refused() {
    assertBad(Map.of("MIDDLEMAN_QUEUE_DEFAULT_POLLING_INTERVAL", "60001"), new String[0],
        "MIDDLEMAN_QUEUE_DEFAULT_POLLING_INTERVAL=60001: must be at most 60000 ms");
  }

  @Test
  void a_queue_dsn_without_a_repository_dsn_names_the_one_missing() {
    assertBad(Map.of("MIDDLEMAN_QUEUE_MYSQL_DSN", "u:p@tcp(127.0.0.1:3306)/jobs"), new String[0],
        "MIDDLEMAN_QUEUE_MYSQL_DSN is set but MIDDLEMAN_REPOSITORY_MYSQL_DSN is not, and there is no"
            + " MIDDLEMAN_MYSQL_DSN to stand in for it");
  }

  @Test
  void a_dsn_selects_the_mysql_driver_and_its_password_is_masked() {
    ServerConfig config = load(Map.of("MIDDLEMAN_MYSQL_DSN", "app:s3cret@tcp(db.example:3306)/jobs"));

    assertThat(config.storage().driver()).isEqualTo(Driver.MYSQL);
    assertThat(config.storage().queueDsn()).isEqualTo(config.storage().repositoryDsn());
    assertThat(config.effective().toString()).doesNotContain("s3cret");
    assertThat(config.effective().get("mysql_dsn")).asString().contains("app", "db.example");
  }

  @Test
  void a_malformed_dsn_is_named_without_its_password() {
    assertThatThrownBy(() -> load(Map.of("MIDDLEMAN_MYSQL_DSN", "app:s3cret@db.example/jobs")))
        .isInstanceOf(ConfigException.class)
        .hasMessageStartingWith("MIDDLEMAN_MYSQL_DSN=app:***@db.example/jobs: ")
        .message().doesNotContain("s3cret").doesNotContain("\n");
  }

  @Test
  void an_unknown_flag_is_refused() {
    assertThatThrownBy(() -> ConfigLoader.load(new String[] {"--colour=blue"}, Map.of()))
        .isInstanceOf(ConfigException.class).hasMessageContaining("--colour");
  }

  @Test
  void help_lists_every_flag_with_its_variable() {
    Request request = ConfigLoader.load(new String[] {"--help"}, Map.of());

    assertThat(request).isInstanceOf(Request.Print.class);
    String help = ((Request.Print) request).text().replaceAll("\\s+", " ");
    for (Setting setting : Setting.values()) {
      assertThat(help).contains(setting.flag(), setting.env());
    }
    assertThat(help).contains("Default: 127.0.0.1:8080", "Default: 16777216");
  }

  @Test
  void version_prints_the_built_version() {
    assertThat(ConfigLoader.load(new String[] {"--version"}, Map.of()))
        .isEqualTo(new Request.Print("middleman " + Version.current() + System.lineSeparator()));
  }

  private static ServerConfig load(Map<String, String> env, String... args) {
    Request request = ConfigLoader.load(args, env);
    assertThat(request).isInstanceOf(Request.Run.class);
    return ((Request.Run) request).config();
  }

  private static void assertBad(Map<String, String> env, String[] args, String message) {
    assertThatThrownBy(() -> ConfigLoader.load(args, env))
        .isInstanceOf(ConfigException.class)
        .hasMessage(message);
  }
}
