package dev.middleman.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class ErrorAnswersApiTest {

  private static final String JOB = "{\"url\": \"http://127.0.0.1:1/w\"}";

  private final RunningApi node = RunningApi.start();
  private final Api api = node.api;

  @AfterEach
  void stop() {
    node.close();
  }

  @Test
  void a_500_names_no_internals_of_the_failure() {
    node.storage.failPushesWith(new IllegalStateException(
        "jOOQ; bad SQL grammar [insert into `jobs` (`secret_column`) values (?)]"));

    Api.Response response = api.post("/job/x", JOB);

    assertThat(response.status()).isEqualTo(500);
    assertThat(response.json().get("error").asText()).isEqualTo("internal error");
    assertThat(response.json().get("detail").asText())
        .isEqualTo("an unexpected error; see the daemon's error log");
    assertThat(response.body()).doesNotContain("secret_column", "IllegalStateException", "jOOQ");
  }

  @Test
  void a_503_to_a_write_promises_all_or_nothing_and_warns_that_a_retry_may_store_twice() {
    node.storage.down(true);

    JsonNode answer = api.post("/job/x", JOB).json();

    assertThat(answer.get("error").asText()).isEqualTo("storage unavailable");
    assertThat(answer.get("detail").asText())
        .startsWith("the test database is down")
        .contains("stored whole or not at all", "may store it twice")
        .doesNotContain("nothing was written");
  }

  @Test
  void a_503_to_a_read_only_says_to_try_again() {
    node.storage.down(true);

    Api.Response response = api.get("/queue/default/stats");

    assertThat(response.status()).isEqualTo(503);
    assertThat(response.json().get("detail").asText())
        .isEqualTo("the test database is down; try again later");
  }

  @Test
  void the_allow_header_of_a_405_has_head_wherever_get_is_allowed() {
    Api.Response queues = api.delete("/queues");
    Api.Response push = api.get("/jobs");

    assertThat(queues.status()).isEqualTo(405);
    assertThat(queues.header("Allow")).isEqualTo("GET, HEAD");
    assertThat(push.header("Allow")).isEqualTo("POST");
  }
}
