package dev.middleman.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import dev.middleman.core.Version;
import java.net.http.HttpRequest.BodyPublishers;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class ServiceApiTest {

  private final RunningApi node = RunningApi.start();
  private final Api api = node.api;

  @AfterEach
  void stop() {
    node.close();
  }

  @Test
  void tells_its_version_at_the_root_and_at_version() {
    assertThat(api.get("/").body()).isEqualTo("Middleman " + Version.current() + "\n");
    assertThat(api.get("/version").body()).isEqualTo("Middleman " + Version.current() + "\n");
  }

  @Test
  void shows_the_settings_it_was_given() {
    assertThat(api.get("/settings").body()).isEqualTo("{\"MIDDLEMAN_DRIVER\":\"test\"}");
  }

  @Test
  void is_healthy_while_the_storage_answers_and_503_when_it_does_not() {
    assertThat(api.get("/health").status()).isEqualTo(200);

    node.storage.down(true);
    Api.Response down = api.get("/health");

    assertThat(down.status()).isEqualTo(503);
    assertThat(down.json().get("error").asText()).isEqualTo("storage unavailable");
  }

  @Test
  void answers_head_like_get_without_a_body() {
    Api.Response head = api.send("HEAD", "/health", BodyPublishers.noBody());

    assertThat(head.status()).isEqualTo(200);
    assertThat(head.body()).isEmpty();
  }

  @Test
  void reports_jvm_figures_under_jvm_and_go_names() {
    JsonNode stats = api.get("/stats").json();

    assertThat(stats.get("jvm_threads_live").asInt()).isPositive();
    assertThat(stats.get("goroutine_num").asInt()).isPositive();
    assertThat(stats.get("cpu_num").asInt()).isEqualTo(Runtime.getRuntime().availableProcessors());
    assertThat(stats.get("heap_alloc").asLong()).isPositive();
    assertThat(stats.get("memory_alloc").asLong()).isEqualTo(stats.get("heap_alloc").asLong());
    assertThat(stats.get("heap_sys").asLong()).isGreaterThanOrEqualTo(stats.get("heap_alloc").asLong());
    assertThat(stats.get("time").asLong() / 1_000_000).isCloseTo(System.currentTimeMillis(),
        within(60_000L));
    for (String field : new String[] {"jvm_uptime_ms", "jvm_heap_used_bytes",
        "jvm_heap_committed_bytes", "jvm_nonheap_used_bytes", "jvm_gc_count", "jvm_gc_pause_ms",
        "jvm_classes_loaded", "gc_num", "gc_pause", "gc_per_second", "gc_pause_per_second"}) {
      assertThat(stats.has(field)).as(field).isTrue();
    }
    assertThat(stats.has("heap_objects")).isFalse();
  }

  @Test
  void records_every_answered_request_in_the_access_log() {
    api.get("/queues?x=1");
    api.get("/missing");

    await().atMost(Duration.ofSeconds(5)).until(() -> node.accessLog.size() == 2);
    AccessLog.Entry first = node.accessLog.get(0);
    assertThat(first.method()).isEqualTo("GET");
    assertThat(first.path()).isEqualTo("/queues?x=1");
    assertThat(first.status()).isEqualTo(200);
    assertThat(first.bytes()).isPositive();
    assertThat(first.remoteAddress()).isEqualTo("127.0.0.1");
    assertThat(first.durationMicros()).isNotNegative();
    assertThat(node.accessLog.get(1).status()).isEqualTo(404);
  }

  @Test
  void closes_each_connection_after_its_answer_without_keep_alive() throws Exception {
    List<String> answer = rawGetTwice(node.server.address().getPort());

    assertThat(answer.subList(0, answer.indexOf("")))
        .anyMatch(line -> line.equalsIgnoreCase("Connection: close"));
    assertThat(answer.stream().filter(line -> line.startsWith("HTTP/1.1 200"))).hasSize(1);
  }

  @Test
  void keeps_connections_alive_when_asked() throws Exception {
    try (RunningApi alive = RunningApi.start(builder -> builder.keepAlive(true))) {
      List<String> answer = rawGetTwice(alive.server.address().getPort());

      assertThat(answer.subList(0, answer.indexOf("")))
          .noneMatch(line -> line.equalsIgnoreCase("Connection: close"));
      assertThat(answer.stream().filter(line -> line.startsWith("HTTP/1.1 200"))).hasSize(2);
    }
  }

  /** Sends two pipelined requests on one connection and reads until the server closes it. */
  private static List<String> rawGetTwice(int port) throws Exception {
    String request = "GET /version HTTP/1.1\r\nHost: localhost\r\n\r\n";
    return RawHttp.exchange(port,
        request + request.replace("\r\n\r\n", "\r\nConnection: close\r\n\r\n"));
  }
}
