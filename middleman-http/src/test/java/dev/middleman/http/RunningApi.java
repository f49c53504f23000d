package dev.middleman.http;

import dev.middleman.core.Middleman;
import dev.middleman.core.MiddlemanSettings;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.UnaryOperator;

/**
 * A Middleman node on test storage with its API on 127.0.0.1 at a free port, and a client for it.
 */
final class RunningApi implements AutoCloseable {

  final TestStorage storage;
  final Middleman middleman;
  final PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
  final QueueMetrics metrics = new QueueMetrics(registry);
  final List<AccessLog.Entry> accessLog = new CopyOnWriteArrayList<>();
  final ApiServer server;
  final Api api;

  private RunningApi(TestStorage storage, MiddlemanSettings settings,
      UnaryOperator<ApiServer.Builder> configure) {
    this.storage = storage;
    this.middleman = Middleman.builder(storage).settings(settings).listener(metrics).build();
    middleman.start();
    metrics.bindTo(middleman);
    this.server = configure.apply(ApiServer.builder(middleman)
        .settings(() -> Map.of("MIDDLEMAN_DRIVER", storage.name()))
        .accessLog(accessLog::add)
        .metrics(registry)).build();
    server.start(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
    this.api = new Api("http://127.0.0.1:" + server.address().getPort());
  }

  /** With a default queue named {@code default}. */
  static RunningApi start() {
    return start(UnaryOperator.identity());
  }

  static RunningApi start(UnaryOperator<ApiServer.Builder> configure) {
    return new RunningApi(new TestStorage(true), settings().withDefaultQueue("default"), configure);
  }

  static RunningApi withoutDefaultQueue() {
    return new RunningApi(new TestStorage(true), settings(), UnaryOperator.identity());
  }

  static RunningApi withoutInspection() {
    return new RunningApi(new TestStorage(false), settings().withDefaultQueue("default"),
        UnaryOperator.identity());
  }

  private static MiddlemanSettings settings() {
    return MiddlemanSettings.defaults().withShutdownTimeout(Duration.ofSeconds(2));
  }

  @Override
  public void close() {
    server.close();
    metrics.close();
    middleman.stop();
    storage.close();
  }
}
