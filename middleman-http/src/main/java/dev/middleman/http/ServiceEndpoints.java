package dev.middleman.http;

import dev.middleman.core.Middleman;
import dev.middleman.core.Version;
import dev.middleman.http.ErrorMapping.ErrorBody;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.util.Map;
import java.util.function.Supplier;

/** What the daemon says about itself: version, settings, health, runtime figures, metrics. */
final class ServiceEndpoints {

  private static final String PROMETHEUS_TEXT = "text/plain; version=0.0.4; charset=utf-8";

  private final Middleman middleman;
  private final Supplier<Map<String, Object>> settings;
  private final RuntimeStats runtimeStats;
  private final PrometheusMeterRegistry metrics;

  ServiceEndpoints(Middleman middleman, Supplier<Map<String, Object>> settings,
      RuntimeStats runtimeStats, PrometheusMeterRegistry metrics) {
    this.middleman = middleman;
    this.settings = settings;
    this.runtimeStats = runtimeStats;
    this.metrics = metrics;
  }

  Answer version(ApiRequest request) {
    return Answer.text("text/plain; charset=utf-8", "Middleman " + Version.current() + "\n");
  }

  Answer settings(ApiRequest request) {
    return Answer.json(settings.get());
  }

  Answer health(ApiRequest request) {
    if (middleman.isHealthy()) {
      return Answer.json(Map.of("status", "ok"));
    }
    return Answer.json(503, new ErrorBody("storage unavailable",
        "the " + middleman.storage().name() + " storage does not answer"));
  }

  Answer stats(ApiRequest request) {
    return Answer.json(runtimeStats.snapshot());
  }

  Answer metrics(ApiRequest request) {
    return Answer.text(PROMETHEUS_TEXT, metrics.scrape());
  }
}
