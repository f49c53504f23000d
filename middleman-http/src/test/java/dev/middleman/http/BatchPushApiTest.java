package dev.middleman.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import dev.middleman.core.model.QueueDefinition;
import dev.middleman.core.model.Routing;
import dev.middleman.testkit.FakeWorker;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class BatchPushApiTest {

  @RegisterExtension static final FakeWorker worker = new FakeWorker();

  private final RunningApi node = RunningApi.withoutDefaultQueue();
  private final Api api = node.api;

  @AfterEach
  void stop() {
    node.close();
  }

  @Test
  void stores_every_job_of_a_batch_and_answers_their_results_in_order() {
    routeTo("mail", "mail/send");
    routeTo("sms", "sms/send");

    Api.Response response = api.post("/jobs", """
        [{"category": "mail/send", "url": "%1$s", "payload": {"n": 1}},
         {"category": "sms/send", "url": "%1$s", "payload": "two", "max_retries": 3},
         {"category": "mail/send", "url": "%1$s"}]""".formatted(worker.url("/batch")));

    assertThat(response.status()).isEqualTo(200);
    JsonNode results = response.json();
    assertThat(results).hasSize(3);
    assertThat(results.get(0).get("queue_name").asText()).isEqualTo("mail");
    assertThat(results.get(0).get("payload").get("n").asInt()).isEqualTo(1);
    assertThat(results.get(1).get("queue_name").asText()).isEqualTo("sms");
    assertThat(results.get(1).get("category").asText()).isEqualTo("sms/send");
    assertThat(results.get(1).get("max_retries").asInt()).isEqualTo(3);
    assertThat(results.get(2).get("id").asLong()).isGreaterThan(results.get(0).get("id").asLong());
    await().atMost(Duration.ofSeconds(10)).until(() -> worker.requests("/batch").size() == 3);
  }

  @Test
  void a_bad_element_refuses_the_whole_batch_naming_its_index() {
    routeTo("mail", "mail/send");
    String good = "{\"category\": \"mail/send\", \"url\": \"" + worker.url("/w") + "\"}";

    Api.Response response = api.post("/jobs",
        "[" + good + "," + good + "," + good + ", {\"category\": \"mail/send\", \"url\": \"nope\"}]");

    assertThat(response.status()).isEqualTo(400);
    assertThat(response.json().get("detail").asText()).startsWith("[3].url");
    assertThat(node.middleman.countJobs("mail")).isZero();
  }

  @Test
  void a_category_nobody_takes_refuses_the_batch_naming_its_index() {
    routeTo("mail", "mail/send");
    String good = "{\"category\": \"mail/send\", \"url\": \"" + worker.url("/w") + "\"}";

    Api.Response response = api.post("/jobs",
        "[" + good + ", {\"category\": \"lost\", \"url\": \"" + worker.url("/w") + "\"}]");

    assertThat(response.status()).isEqualTo(400);
    assertThat(response.json().get("detail").asText()).startsWith("[1].category").contains("lost");
    assertThat(node.middleman.countJobs("mail")).isZero();
  }

  @Test
  void an_element_without_category_or_of_the_wrong_shape_is_named() {
    assertThat(api.post("/jobs", "[{\"url\": \"http://w/\"}]").json().get("detail").asText())
        .startsWith("[0].category");
    assertThat(api.post("/jobs", "[{\"category\": 7, \"url\": \"http://w/\"}]").json()
        .get("detail").asText()).startsWith("[0].category");
    assertThat(api.post("/jobs", "[\"job\"]").json().get("detail").asText()).startsWith("[0]");
    assertThat(api.post("/jobs", "{\"category\": \"x\"}").status()).isEqualTo(400);
  }

  @Test
  void answers_503_when_the_storage_is_down_and_stores_nothing() {
    routeTo("mail", "mail/send");
    node.storage.down(true);

    Api.Response response = api.post("/jobs",
        "[{\"category\": \"mail/send\", \"url\": \"" + worker.url("/w") + "\"}]");

    assertThat(response.status()).isEqualTo(503);
    node.storage.down(false);
    assertThat(node.middleman.countJobs("mail")).isZero();
  }

  @Test
  void answers_405_to_anything_but_post() {
    Api.Response response = api.get("/jobs");

    assertThat(response.status()).isEqualTo(405);
    assertThat(response.header("Allow")).isEqualTo("POST");
  }

  @Test
  void an_empty_batch_stores_nothing() {
    Api.Response response = api.post("/jobs", "[]");

    assertThat(response.status()).isEqualTo(200);
    assertThat(response.json()).isEmpty();
  }

  private void routeTo(String queue, String category) {
    node.middleman.putQueue(new QueueDefinition(queue, 200, 5, null));
    node.middleman.putRouting(new Routing(category, queue));
  }
}
