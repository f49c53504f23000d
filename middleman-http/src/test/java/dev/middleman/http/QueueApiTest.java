package dev.middleman.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.middleman.testkit.FakeWorker;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class QueueApiTest {

  @RegisterExtension static final FakeWorker worker = new FakeWorker();

  private final RunningApi node = RunningApi.start();
  private final Api api = node.api;

  @AfterEach
  void stop() {
    node.close();
  }

  @Test
  void creates_a_queue_with_the_configured_defaults_for_omitted_fields() {
    Api.Response response = api.put("/queue/mail", "{}");

    assertThat(response.status()).isEqualTo(200);
    assertThat(response.body()).isEqualTo(
        "{\"name\":\"mail\",\"polling_interval\":200,\"max_workers\":20}");
    assertThat(api.get("/queue/mail").body()).isEqualTo(response.body());
  }

  @Test
  void an_empty_body_creates_a_queue_with_the_defaults() {
    assertThat(api.put("/queue/mail", "").json().get("max_workers").asInt()).isEqualTo(20);
  }

  @Test
  void replaces_a_queue_and_shows_the_throttle_only_when_set() {
    api.put("/queue/mail", "{\"polling_interval\": 500, \"max_workers\": 3}");

    JsonNode throttled = api.put("/queue/mail",
        "{\"max_workers\": 4, \"max_dispatches_per_second\": 2.5, \"max_burst_size\": 7}").json();

    assertThat(throttled.get("max_workers").asInt()).isEqualTo(4);
    assertThat(throttled.get("polling_interval").asLong()).isEqualTo(200);
    assertThat(throttled.get("max_dispatches_per_second").asDouble()).isEqualTo(2.5);
    assertThat(throttled.get("max_burst_size").asInt()).isEqualTo(7);
    assertThat(api.get("/queues").json().findValues("name")).extracting(JsonNode::asText)
        .containsExactlyInAnyOrder("default", "mail");
    assertThat(api.get("/queue/default").json().has("max_dispatches_per_second")).isFalse();
  }

  /** As in Fireworq, 0 in either throttle field is the same as leaving it out. */
  @ParameterizedTest
  @CsvSource(delimiter = '|', nullValues = "none", value = {
      "{\"max_dispatches_per_second\": 0, \"max_burst_size\": 0} | none | none",
      "{\"max_dispatches_per_second\": 0} | none | none",
      "{\"max_burst_size\": 0} | none | none",
      "{\"max_dispatches_per_second\": 1, \"max_burst_size\": 0} | 1.0 | 1",
      "{\"max_dispatches_per_second\": 2.5} | 2.5 | 3",
      "{\"max_dispatches_per_second\": 0.2, \"max_burst_size\": 0} | 0.2 | 1"})
  void a_zero_throttle_field_counts_as_not_sent(String body, Double rate, Integer burst) {
    JsonNode queue = api.put("/queue/mail", body).json();

    if (rate == null) {
      assertThat(queue.has("max_dispatches_per_second")).isFalse();
      assertThat(queue.has("max_burst_size")).isFalse();
    } else {
      assertThat(queue.get("max_dispatches_per_second").asDouble()).isEqualTo(rate);
      assertThat(queue.get("max_burst_size").asInt()).isEqualTo(burst);
    }
  }

  @Test
  void deletes_a_queue_answering_its_definition() {
    api.put("/queue/mail", "{\"max_workers\": 3}");

    Api.Response deleted = api.delete("/queue/mail");

    assertThat(deleted.status()).isEqualTo(200);
    assertThat(deleted.json().get("max_workers").asInt()).isEqualTo(3);
    assertThat(api.get("/queue/mail").status()).isEqualTo(404);
    assertThat(api.delete("/queue/mail").status()).isEqualTo(404);
  }

  @Test
  void answers_404_for_an_undefined_queue() {
    for (String path : new String[] {"/queue/none", "/queue/none/node", "/queue/none/stats"}) {
      Api.Response response = api.get(path);
      assertThat(response.status()).as(path).isEqualTo(404);
      assertThat(response.json().get("error").asText()).isEqualTo("not found");
      assertThat(response.json().get("detail").asText()).contains("none");
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {"a;DROP%20TABLE%20x", "a%3BDROP", "%C3%A9t%C3%A9", "a%20b",
      "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa"})
  void refuses_a_queue_name_that_cannot_be_one_and_creates_nothing(String name) {
    Api.Response response = api.put("/queue/" + name, "{}");

    assertThat(response.status()).isEqualTo(400);
    assertThat(response.json().get("detail").asText()).startsWith("name");
    assertThat(api.get("/queue/" + name).status()).isEqualTo(400);
    assertThat(node.middleman.queues()).hasSize(1);
  }

  @Test
  void accepts_a_name_of_64_characters() {
    assertThat(api.put("/queue/" + "q".repeat(64), "{}").status()).isEqualTo(200);
  }

  @ParameterizedTest
  @ValueSource(strings = {"{\"polling_interval\": 1.5}", "{\"polling_interval\": \"100\"}",
      "{\"max_workers\": -1}", "{\"max_workers\": 0}", "{\"max_burst_size\": 3}",
      "{\"max_dispatches_per_second\": 0, \"max_burst_size\": 3}",
      "{\"max_dispatches_per_second\": \"fast\"}", "not json", "[]"})
  void refuses_a_bad_definition_and_keeps_none(String body) {
    Api.Response response = api.put("/queue/mail", body);

    assertThat(response.status()).isEqualTo(400);
    assertThat(response.json().get("detail").asText()).isNotBlank();
    assertThat(api.get("/queue/mail").status()).isEqualTo(404);
  }

  @Test
  void answers_405_with_the_allowed_methods() {
    Api.Response response = api.post("/queue/mail", "{}");

    assertThat(response.status()).isEqualTo(405);
    assertThat(response.header("Allow")).isEqualTo("DELETE, GET, HEAD, PUT");
  }

  @Test
  void answers_404_for_the_node_of_a_queue_no_node_is_active_on() {
    node.storage.nobodyPrimary();

    Api.Response response = api.get("/queue/default/node");

    assertThat(response.status()).isEqualTo(404);
    assertThat(response.json().get("detail").asText()).contains("default");
  }

  @Test
  void shows_the_primary_node_of_a_queue() {
    JsonNode node = api.get("/queue/default/node").json();

    assertThat(node.get("id").asText()).isNotBlank();
    assertThat(node.has("host")).isTrue();
  }

  @Test
  void counts_pushes_and_outcomes_in_the_queue_stats() {
    api.post("/job/x", "{\"url\": \"" + worker.url("/ok") + "\"}");
    api.post("/job/x", "{\"url\": \"" + worker.url("/ok") + "\"}");

    await().atMost(Duration.ofSeconds(10))
        .until(() -> api.get("/queue/default/stats").json().get("total_completes").asInt() == 2);
    JsonNode stats = api.get("/queue/default/stats").json();
    assertThat(stats.get("total_pushes").asInt()).as(stats.toString()).isEqualTo(2);
    assertThat(stats.get("total_pops").asInt()).as(stats.toString()).isEqualTo(2);
    assertThat(stats.get("total_successes").asInt()).as(stats.toString()).isEqualTo(2);
    assertThat(stats.get("outstanding_jobs").asInt()).isZero();
    assertThat(stats.get("total_workers").asInt()).isEqualTo(20);
    assertThat(stats.get("active_nodes").asInt()).isEqualTo(1);
    for (String field : new String[] {"total_failures", "total_permanent_failures", "total_elapsed",
        "pushes_per_second", "pops_per_second", "idle_workers"}) {
      assertThat(stats.has(field)).as(field).isTrue();
    }
    // the per-second rates may roll over between the two requests; the totals may not
    ObjectNode all = (ObjectNode) api.get("/queues/stats").json().get("default");
    List<String> rates = List.of("pushes_per_second", "pops_per_second");
    assertThat(all.without(rates).toString())
        .isEqualTo(((ObjectNode) stats).without(rates).toString());
  }
}
