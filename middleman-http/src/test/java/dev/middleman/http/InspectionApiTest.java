package dev.middleman.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import dev.middleman.core.model.Job;
import dev.middleman.core.model.NewJob;
import dev.middleman.testkit.FakeWorker;
import dev.middleman.testkit.Reply;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class InspectionApiTest {

  private static final String RFC_3339_MILLIS =
      "\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\.\\d{3}(Z|[+-]\\d\\d:\\d\\d)";

  @RegisterExtension static final FakeWorker worker = new FakeWorker();

  private final RunningApi node = RunningApi.start();
  private final Api api = node.api;

  @AfterEach
  void stop() {
    node.close();
  }

  @ParameterizedTest
  @ValueSource(strings = {"asc", "desc"})
  void pages_through_a_thousand_jobs_seven_at_a_time_returning_each_once(String order) {
    List<Long> pushed = pushDeferred(1000);

    List<Long> seen = walk("/queue/default/deferred?limit=7&order=" + order, () -> {});

    assertThat(seen).hasSize(1000).doesNotHaveDuplicates().containsExactlyInAnyOrderElementsOf(pushed);
  }

  @ParameterizedTest
  @ValueSource(strings = {"asc", "desc"})
  void a_walk_returns_each_unchanged_job_once_while_jobs_are_pushed_and_completed(String order) {
    List<Long> deferred = pushDeferred(1000);

    // between pages, a job that is dispatched and completed at once, and one more deferred job
    List<Long> seen = walk("/queue/default/deferred?limit=7&order=" + order, () -> {
      node.middleman.push(NewJob.of("now", worker.url("/churn"), null));
      node.middleman.push(new NewJob("later", worker.url("/w"), null, 3600, 0, 0, 0));
    });

    assertThat(seen).doesNotHaveDuplicates().containsAll(deferred);
    assertThat(worker.requests("/churn")).isNotEmpty();
  }

  @Test
  void shows_one_job_with_rfc_3339_times_and_deletes_it() {
    long id = pushDeferred(1).getFirst();

    JsonNode job = api.get("/queue/default/job/" + id).json();

    assertThat(job.get("id").asLong()).isEqualTo(id);
    assertThat(job.get("status").asText()).isEqualTo("claimed");
    assertThat(job.get("payload").get("n").asInt()).isZero();
    assertThat(job.get("created_at").asText()).matches(RFC_3339_MILLIS);
    assertThat(job.get("next_try").asText()).matches(RFC_3339_MILLIS);
    for (String field : new String[] {"category", "url", "timeout", "fail_count", "max_retries",
        "retry_delay"}) {
      assertThat(job.has(field)).as(field).isTrue();
    }
    assertThat(api.delete("/queue/default/job/" + id).json().get("id").asLong()).isEqualTo(id);
    assertThat(api.get("/queue/default/job/" + id).status()).isEqualTo(404);
    assertThat(api.delete("/queue/default/job/" + id).status()).isEqualTo(404);
  }

  @Test
  void lists_a_job_being_dispatched_as_grabbed() {
    worker.defaultReply(Reply.delayed(Duration.ofSeconds(1), Reply.success()));
    node.middleman.push(NewJob.of("x", worker.url("/slow"), null));

    await().atMost(Duration.ofSeconds(10))
        .until(() -> api.get("/queue/default/grabbed").json().get("jobs").size() == 1);
    JsonNode page = api.get("/queue/default/grabbed").json();
    assertThat(page.get("jobs").get(0).get("status").asText()).isEqualTo("grabbed");
    assertThat(page.has("next_cursor")).isFalse();
  }

  @Test
  void lists_gets_and_deletes_failed_jobs() {
    worker.defaultReply(Reply.permanentFailure("no such user"));
    node.middleman.push(NewJob.of("x", worker.url("/fail"), "\"one\""));
    node.middleman.push(NewJob.of("x", worker.url("/fail"), "\"two\""));

    await().atMost(Duration.ofSeconds(10))
        .until(() -> api.get("/queue/default/failed").json().get("failed_jobs").size() == 2);
    JsonNode byCreation = api.get("/queue/default/failed?order=created").json().get("failed_jobs");
    JsonNode byFailure = api.get("/queue/default/failed").json().get("failed_jobs");
    assertThat(byCreation.get(0).get("created_at").asText())
        .isGreaterThanOrEqualTo(byCreation.get(1).get("created_at").asText());
    assertThat(byFailure.get(0).get("failed_at").asText())
        .isGreaterThanOrEqualTo(byFailure.get(1).get("failed_at").asText());
    assertThat(byFailure.findValuesAsText("payload")).containsExactlyInAnyOrder("one", "two");
    JsonNode failed = byCreation.get(1);
    assertThat(failed.get("result").get("status").asText()).isEqualTo("permanent-failure");
    assertThat(failed.get("result").get("code").asInt()).isEqualTo(200);
    assertThat(failed.get("result").get("message").asText()).isEqualTo("no such user");
    assertThat(failed.get("failed_at").asText()).matches(RFC_3339_MILLIS);
    assertThat(failed.get("fail_count").asInt()).isEqualTo(1);
    assertThat(failed.has("job_id")).isTrue();
    String path = "/queue/default/failed/" + failed.get("id").asLong();
    assertThat(api.get(path).json()).isEqualTo(failed);
    assertThat(api.delete(path).json()).isEqualTo(failed);
    assertThat(api.get(path).status()).isEqualTo(404);
    assertThat(api.get("/queue/default/failed?limit=1").json().get("failed_jobs")).hasSize(1);
  }

  @ParameterizedTest
  @ValueSource(strings = {"/queue/default/waiting?cursor=garbage", "/queue/default/waiting?limit=0",
      "/queue/default/waiting?limit=ten", "/queue/default/waiting?order=up",
      "/queue/default/failed?order=asc", "/queue/default/job/abc", "/queue/default/job/-1",
      "/queue/default/failed/x", "/queue/default/failed?cursor=AAAA"})
  void answers_400_for_a_malformed_query_or_id(String path) {
    Api.Response response = api.get(path);

    assertThat(response.status()).isEqualTo(400);
    assertThat(response.json().get("detail").asText()).isNotBlank();
  }

  @Test
  void refuses_an_edited_cursor_and_one_handed_out_for_another_list() {
    pushDeferred(3);
    String cursor = api.get("/queue/default/deferred?limit=1").json().get("next_cursor").asText();
    String edited = cursor.substring(0, cursor.length() - 1)
        + (cursor.endsWith("A") ? "B" : "A");

    assertThat(api.get("/queue/default/deferred?limit=1&cursor=" + cursor).status())
        .isEqualTo(200);
    for (String path : List.of("/queue/default/deferred?cursor=" + edited,
        "/queue/default/failed?cursor=" + cursor, "/queue/default/waiting?cursor=" + cursor,
        "/queue/default/deferred?order=asc&cursor=" + cursor)) {
      Api.Response response = api.get(path);

      assertThat(response.status()).as(path).isEqualTo(400);
      assertThat(response.json().get("detail").asText()).as(path).startsWith("cursor");
    }
  }

  @Test
  void a_limit_above_the_maximum_is_lowered_to_it() {
    pushDeferred(1001);

    JsonNode page = api.get("/queue/default/deferred?limit=5000").json();

    assertThat(page.get("jobs")).hasSize(1000);
    assertThat(page.has("next_cursor")).isTrue();
  }

  @ParameterizedTest
  @ValueSource(strings = {"/queue/none/waiting", "/queue/none/grabbed", "/queue/none/deferred",
      "/queue/none/job/1", "/queue/none/failed", "/queue/none/failed/1"})
  void answers_404_for_an_undefined_queue(String path) {
    assertThat(api.get(path).status()).isEqualTo(404);
  }

  @Test
  void answers_501_when_the_driver_cannot_inspect() {
    try (RunningApi blind = RunningApi.withoutInspection()) {
      Api.Response response = blind.api.get("/queue/default/waiting");

      assertThat(response.status()).isEqualTo(501);
      assertThat(response.json().get("error").asText()).isEqualTo("not implemented");
    }
  }

  private List<Long> pushDeferred(int count) {
    List<NewJob> jobs = IntStream.range(0, count)
        .mapToObj(n -> new NewJob("later", worker.url("/w"), "{\"n\":" + n + "}", 3600 + n % 10,
            0, 0, 0))
        .toList();
    return node.middleman.pushAll(jobs).stream().map(Job::id).toList();
  }

  private List<Long> walk(String firstPage, Runnable betweenPages) {
    List<Long> ids = new ArrayList<>();
    String path = firstPage;
    for (int pages = 0; pages < 1000; pages++) {
      JsonNode page = api.get(path).json();
      page.get("jobs").forEach(job -> ids.add(job.get("id").asLong()));
      if (!page.has("next_cursor")) {
        return ids;
      }
      betweenPages.run();
      path = firstPage + "&cursor=" + page.get("next_cursor").asText();
    }
    throw new AssertionError("the walk did not end");
  }
}
