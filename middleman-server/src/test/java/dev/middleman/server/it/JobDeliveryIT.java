package dev.middleman.server.it;

import static dev.middleman.server.it.MiddlemanProcess.env;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.middleman.testkit.FakeWorker;
import dev.middleman.testkit.RecordedRequest;
import dev.middleman.testkit.Reply;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** Jobs pushed over HTTP to the packaged jar reach a real worker as the job asks. */
class JobDeliveryIT {

  @RegisterExtension
  static final FakeWorker worker = new FakeWorker();

  @TempDir
  static Path dir;

  private static MiddlemanProcess daemon;

  @BeforeAll
  static void start() {
    daemon = MiddlemanProcess.start(dir, env("MIDDLEMAN_QUEUE_DEFAULT_POLLING_INTERVAL", "50"),
        "--queue-default=default");
  }

  @AfterAll
  static void stop() throws InterruptedException {
    assertThat(daemon.terminate(Duration.ofSeconds(30))).isZero();
  }

  @Test
  void delivers_the_exact_payload_bytes_with_json_content_type_and_the_user_agent() throws Exception {
    String payload = "{\"name\":\"w\u00f6rld\",\"list\":[1,2,3],\"nested\":{\"ok\":true}}";
    daemon.push("greetings/hello", "{\"url\":\"" + worker.url("/exact") + "\",\"payload\":" + payload + "}");

    RecordedRequest request = await().atMost(Duration.ofSeconds(10))
        .until(() -> worker.requests("/exact"), requests -> requests.size() == 1).getFirst();

    assertThat(request.method()).isEqualTo("POST");
    assertThat(request.body()).isEqualTo(payload.getBytes(StandardCharsets.UTF_8));
    assertThat(request.header("Content-Type")).isEqualTo("application/json");
    assertThat(request.header("User-Agent")).isEqualTo("Middleman/" + MiddlemanProcess.VERSION);
  }

  @Test
  void sends_a_string_payload_as_its_raw_text() throws Exception {
    daemon.push("text", "{\"url\":\"" + worker.url("/text") + "\",\"payload\":\"plain \u00e9 text\"}");

    RecordedRequest request = await().atMost(Duration.ofSeconds(10))
        .until(() -> worker.requests("/text"), requests -> requests.size() == 1).getFirst();

    assertThat(request.bodyText()).isEqualTo("plain \u00e9 text");
  }

  @Test
  void calls_a_failing_worker_once_plus_max_retries_times_spaced_by_the_retry_delay() throws Exception {
    worker.defaultReply(Reply.failure("try again"));
    daemon.push("flaky", "{\"url\":\"" + worker.url("/flaky") + "\",\"max_retries\":2,\"retry_delay\":1}");

    await().atMost(Duration.ofSeconds(15)).until(() -> worker.requests("/flaky").size() >= 3);
    await().during(Duration.ofMillis(1500)).atMost(Duration.ofSeconds(3))
        .until(() -> worker.requests("/flaky").size() == 3);

    List<RecordedRequest> calls = worker.requests("/flaky");
    for (int i = 1; i < calls.size(); i++) {
      long gapMillis = (calls.get(i).arrivedNanos() - calls.get(i - 1).arrivedNanos()) / 1_000_000;
      assertThat(gapMillis).as("gap before call %d", i + 1).isGreaterThanOrEqualTo(1000);
    }
  }

  @Test
  void calls_a_worker_that_answers_permanent_failure_only_once() throws Exception {
    worker.defaultReply(Reply.permanentFailure("never"));
    daemon.push("doomed", "{\"url\":\"" + worker.url("/doomed") + "\",\"max_retries\":3,\"retry_delay\":0}");

    await().atMost(Duration.ofSeconds(10)).until(() -> worker.requests("/doomed").size() == 1);
    await().during(Duration.ofMillis(1000)).atMost(Duration.ofSeconds(2))
        .until(() -> worker.requests("/doomed").size() == 1);
  }

  @Test
  void does_not_deliver_a_delayed_job_before_its_run_after() throws Exception {
    long pushedAt = System.nanoTime();
    daemon.push("later", "{\"url\":\"" + worker.url("/later") + "\",\"run_after\":2}");

    RecordedRequest request = await().atMost(Duration.ofSeconds(10))
        .until(() -> worker.requests("/later"), requests -> requests.size() == 1).getFirst();

    assertThat((request.arrivedNanos() - pushedAt) / 1_000_000).isGreaterThanOrEqualTo(2000);
  }

  @Test
  void reports_the_same_version_over_http_on_the_command_line_and_to_workers() throws Exception {
    Process version = new ProcessBuilder(MiddlemanProcess.java(), "-jar", MiddlemanProcess.JAR, "--version")
        .redirectErrorStream(true).start();
    String printed = new String(version.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();

    assertThat(version.waitFor()).isZero();
    assertThat(printed).isEqualTo("middleman " + MiddlemanProcess.VERSION);
    assertThat(daemon.get("/version").body()).contains(MiddlemanProcess.VERSION);
  }

  @Test
  void shows_its_effective_configuration_and_warns_that_in_memory_jobs_are_not_durable() throws Exception {
    JsonNode settings = new ObjectMapper().readTree(daemon.get("/settings").body());

    assertThat(settings.get("driver").asText()).isEqualTo("in-memory");
    assertThat(settings.get("queue_default").asText()).isEqualTo("default");
    assertThat(settings.get("queue_default_polling_interval").asLong()).isEqualTo(50);
    assertThat(settings.get("bind").asText()).isEqualTo("127.0.0.1:" + daemon.port());
    assertThat(daemon.stderrText()).contains("jobs are NOT durable");
  }
}
