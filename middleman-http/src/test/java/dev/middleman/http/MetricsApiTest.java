package dev.middleman.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import dev.middleman.testkit.FakeWorker;
import dev.middleman.testkit.Reply;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class MetricsApiTest {

  private static final Map<String, String> DEFAULT = Map.of("queue", "default");

  @RegisterExtension static final FakeWorker worker = new FakeWorker();

  private final RunningApi node = RunningApi.start();
  private final Api api = node.api;

  @AfterEach
  void stop() {
    node.close();
  }

  private double outstanding() {
    return PrometheusText.parse(api.get("/metrics").body())
        .value("middleman_jobs_outstanding", DEFAULT);
  }

  @Test
  void the_queue_counters_agree_with_the_queue_stats_after_real_dispatches() {
    worker.script("/flaky", Reply.failure("busy"), Reply.failure("still busy"));
    worker.script("/doomed", Reply.permanentFailure("never"));
    for (int i = 0; i < 3; i++) {
      api.post("/job/x", "{\"url\": \"" + worker.url("/ok") + "\"}");
    }
    api.post("/job/x", "{\"url\": \"" + worker.url("/flaky") + "\", \"max_retries\": 1}");
    api.post("/jobs", "[{\"category\": \"x\", \"url\": \"" + worker.url("/doomed") + "\"}]");

    await().atMost(Duration.ofSeconds(10))
        .until(() -> api.get("/queue/default/stats").json().get("total_completes").asInt() == 5);
    // the outstanding count is sampled every second
    await().atMost(Duration.ofSeconds(5)).until(() -> outstanding() == 0);
    JsonNode stats = api.get("/queue/default/stats").json();
    Api.Response response = api.get("/metrics");
    PrometheusText metrics = PrometheusText.parse(response.body());

    assertThat(response.header("Content-Type")).startsWith("text/plain");
    assertThat(metrics.value("middleman_jobs_pushed_total", DEFAULT))
        .isEqualTo(stats.get("total_pushes").asDouble()).isEqualTo(5);
    assertThat(metrics.value("middleman_jobs_dispatched_total", DEFAULT))
        .isEqualTo(stats.get("total_pops").asDouble()).isEqualTo(6);
    assertThat(metrics.value("middleman_jobs_succeeded_total", DEFAULT))
        .isEqualTo(stats.get("total_successes").asDouble()).isEqualTo(3);
    assertThat(metrics.value("middleman_jobs_failed_total", DEFAULT))
        .isEqualTo(stats.get("total_failures").asDouble()).isEqualTo(2);
    assertThat(metrics.value("middleman_jobs_failed_permanently_total", DEFAULT))
        .isEqualTo(stats.get("total_permanent_failures").asDouble()).isEqualTo(2);
    assertThat(metrics.value("middleman_jobs_completed_total", DEFAULT))
        .isEqualTo(stats.get("total_completes").asDouble());
    assertThat(metrics.value("middleman_worker_call_seconds_count", DEFAULT)).isEqualTo(6);
    assertThat(metrics.samples("middleman_worker_call_seconds_bucket", DEFAULT)).isNotEmpty();
    assertThat(metrics.value("middleman_push_seconds_count", Map.of())).isEqualTo(5);
    assertThat(metrics.value("middleman_jobs_outstanding", DEFAULT))
        .isEqualTo(stats.get("outstanding_jobs").asDouble());
    assertThat(metrics.value("middleman_jobs_in_flight", DEFAULT)).isZero();
    assertThat(metrics.value("middleman_queue_primary", DEFAULT)).isEqualTo(1);
    assertThat(metrics.samples("jvm_memory_used_bytes", Map.of())).isNotEmpty();
    assertThat(metrics.samples("jvm_threads_live_threads", Map.of())).hasSize(1);
    assertThat(metrics.samples("system_cpu_count", Map.of())).hasSize(1);
  }

  @Test
  void a_scrape_answers_at_once_with_the_last_count_while_counting_hangs() {
    for (int i = 0; i < 2; i++) {
      api.post("/job/x", "{\"url\": \"" + worker.url("/later") + "\", \"run_after\": 600}");
    }
    await().atMost(Duration.ofSeconds(5)).until(() -> outstanding() == 2);
    node.storage.hangCounts();
    List<Long> scrapeMillis = new CopyOnWriteArrayList<>();
    try {
      // the sampler gives up on each hanging count after its timeout: the sample ages
      await().atMost(Duration.ofSeconds(10)).until(() -> {
        long start = System.nanoTime();
        PrometheusText metrics = PrometheusText.parse(api.get("/metrics").body());
        scrapeMillis.add((System.nanoTime() - start) / 1_000_000);
        assertThat(metrics.value("middleman_jobs_outstanding", DEFAULT)).isEqualTo(2);
        return metrics.value("middleman_jobs_outstanding_age_seconds", DEFAULT)
            > 2 * QueueMetrics.COUNT_TIMEOUT.toSeconds();
      });
    } finally {
      node.storage.releaseCounts();
    }

    assertThat(scrapeMillis).hasSizeGreaterThan(1).allSatisfy(millis -> assertThat(millis)
        .isLessThan(QueueMetrics.COUNT_TIMEOUT.toMillis() / 2));
  }

  @Test
  void the_gauges_follow_queues_created_and_deleted_after_start() {
    api.put("/queue/later", "{}");

    await().atMost(Duration.ofSeconds(5)).until(() -> !PrometheusText.parse(api.get("/metrics").body())
        .samples("middleman_jobs_outstanding", Map.of("queue", "later")).isEmpty());
    api.delete("/queue/later");

    await().atMost(Duration.ofSeconds(5)).until(() -> PrometheusText.parse(api.get("/metrics").body())
        .samples("middleman_jobs_outstanding", Map.of("queue", "later")).isEmpty());
    assertThat(PrometheusText.parse(api.get("/metrics").body())
        .samples("middleman_queue_primary", DEFAULT)).hasSize(1);
  }
}
