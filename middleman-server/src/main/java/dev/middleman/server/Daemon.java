package dev.middleman.server;

import dev.middleman.core.Middleman;
import dev.middleman.core.memory.InMemoryStorage;
import dev.middleman.core.spi.StorageDriver;
import dev.middleman.http.ApiServer;
import dev.middleman.http.InheritedSockets;
import dev.middleman.http.QueueMetrics;
import dev.middleman.mysql.MysqlStorage;
import dev.middleman.server.config.ConfigException;
import dev.middleman.server.config.Listen;
import dev.middleman.server.config.ServerConfig;
import dev.middleman.server.config.StorageConfig;
import dev.middleman.server.lifecycle.PidFile;
import dev.middleman.server.lifecycle.StopRequest;
import dev.middleman.server.logging.AccessLogWriter;
import dev.middleman.server.logging.QueueLog;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** One running node: storage, the Middleman core, the API and the pid file, started and stopped in order. */
final class Daemon {

  private static final Logger log = LoggerFactory.getLogger(Daemon.class);

  private final ServerConfig config;
  private final StorageDriver storage;
  private final Middleman middleman;
  private final ApiServer api;
  private Optional<PidFile> pidFile = Optional.empty();

  private Daemon(ServerConfig config, StorageDriver storage) {
    this.config = config;
    this.storage = storage;
    PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    QueueMetrics metrics = new QueueMetrics(registry);
    this.middleman = Middleman.builder(storage)
        .settings(config.middleman())
        .listener(new QueueLog(config.logs().queueTag()))
        .listener(metrics)
        .build();
    metrics.bindTo(middleman);
    this.api = ApiServer.builder(middleman)
        .maxBodySize(config.maxBodySize())
        .keepAlive(config.keepAlive())
        .settings(config::effective)
        .accessLog(new AccessLogWriter(config.logs().accessTag()))
        .metrics(registry)
        .build();
  }

  /** Opens the storage and assembles the node; nothing listens yet. */
  static Daemon create(ServerConfig config) {
    log.info("Effective configuration: {}", config.effective());
    StorageDriver storage = open(config.storage());
    try {
      return new Daemon(config, storage);
    } catch (RuntimeException e) {
      storage.close();
      throw e;
    }
  }

  /**
   * Starts dispatching, then listens, then writes the pid file: when the pid file exists, the
   * node answers requests.
   *
   * @throws ConfigException when the address cannot be listened on
   */
  void start() {
    middleman.start();
    try {
      listen();
    } catch (ConfigException e) {
      middleman.stop();
      storage.close();
      throw e;
    }
    log.info("Listening on {}:{}", api.address().getHostString(), api.address().getPort());
    pidFile = config.pidFileIfAny().map(PidFile::write);
  }

  /**
   * The graceful stop: stop accepting and answer the requests already accepted, let jobs in flight
   * finish (each step bounded by the shutdown timeout), release the leases, close the storage and
   * remove the pid file. Jobs still running at the deadline stay stored and are dispatched again.
   */
  void stop() {
    if (!api.shutdown(config.middleman().shutdownTimeout())) {
      log.warn("Some API requests were still running after {}", config.middleman().shutdownTimeout());
    }
    api.close();
    boolean finished = middleman.stop();
    if (!finished && config.storage().driver() == StorageConfig.Driver.IN_MEMORY) {
      log.warn("Unfinished jobs are lost: the in-memory driver keeps nothing after exit");
    }
    storage.close();
    pidFile.ifPresent(PidFile::close);
    log.info("Stopped");
  }

  /** Waits for a stop request, then stops. */
  void runUntil(StopRequest stop) throws InterruptedException {
    stop.await();
    stop();
  }

  private void listen() {
    switch (config.listen()) {
      case Listen.Bind bind -> {
        try {
          api.start(bind.address());
        } catch (RuntimeException e) {
          throw new ConfigException(bind.source() + ": cannot listen: " + rootMessage(e));
        }
      }
      case Listen.Inherited inherited -> {
        try {
          api.start(InheritedSockets.fromFileDescriptor(inherited.port().fd()));
          log.info("Serving on the socket inherited from Server::Starter ({}, fd {})",
              inherited.port().address(), inherited.port().fd());
        } catch (RuntimeException e) {
          throw new ConfigException("SERVER_STARTER_PORT=" + inherited.port().address() + "="
              + inherited.port().fd() + ": cannot serve on it: " + rootMessage(e));
        }
      }
    }
  }

  private static StorageDriver open(StorageConfig storage) {
    return switch (storage.driver()) {
      case IN_MEMORY -> {
        log.warn("Using the in-memory driver: jobs are NOT durable and are lost when the daemon"
            + " stops; set MIDDLEMAN_MYSQL_DSN for production");
        yield new InMemoryStorage();
      }
      case MYSQL -> MysqlStorage.open(storage.queueDsn(), storage.repositoryDsn(),
          storage.maxConnections());
    };
  }

  private static String rootMessage(Throwable e) {
    Throwable root = e;
    while (root.getCause() != null && root.getCause() != root) {
      root = root.getCause();
    }
    String message = root.getMessage();
    return message == null ? root.getClass().getSimpleName() : message.lines().findFirst().orElse("");
  }
}
