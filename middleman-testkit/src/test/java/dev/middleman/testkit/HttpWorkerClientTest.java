package dev.middleman.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import dev.middleman.core.DispatchSettings;
import dev.middleman.core.Version;
import dev.middleman.core.dispatch.HttpWorkerClient;
import dev.middleman.core.model.Job;
import dev.middleman.core.model.NewJob;
import dev.middleman.core.model.WorkerResult;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class HttpWorkerClientTest {

  @RegisterExtension static final FakeWorker worker = new FakeWorker();

  private final HttpWorkerClient client = new HttpWorkerClient(DispatchSettings.defaults());

  @Test
  void posts_the_payload_with_json_content_type_and_the_user_agent() {
    WorkerResult result = client.call(job(worker.url("/w"), "{\"a\":[1,2]}", 0));

    assertThat(result).isEqualTo(new WorkerResult("success", 200, "ok"));
    RecordedRequest request = worker.requests("/w").getFirst();
    assertThat(request.method()).isEqualTo("POST");
    assertThat(request.bodyText()).isEqualTo("{\"a\":[1,2]}");
    assertThat(request.header("Content-Type")).isEqualTo("application/json");
    assertThat(request.header("User-Agent")).isEqualTo("Middleman/" + Version.current());
  }

  @Test
  void sends_a_json_string_payload_as_its_raw_text() {
    client.call(job(worker.url("/w"), "\"line one\\nline \\\"two\\\"\"", 0));

    assertThat(worker.requests("/w").getFirst().bodyText()).isEqualTo("line one\nline \"two\"");
  }

  @Test
  void sends_an_empty_body_for_no_payload() {
    client.call(job(worker.url("/w"), null, 0));

    assertThat(worker.requests("/w").getFirst().body()).isEmpty();
  }

  @Test
  void reads_the_verdict_from_the_json_body_whatever_the_http_code() {
    worker.script("/w", Reply.body(500, "{\"status\":\"success\",\"message\":\"fine\"}"));

    assertThat(client.call(job(worker.url("/w"), null, 0)))
        .isEqualTo(new WorkerResult("success", 500, "fine"));
  }

  @Test
  void keeps_an_unknown_status_as_the_worker_said_it() {
    worker.script("/w", Reply.status("maybe", "hm"));

    assertThat(client.call(job(worker.url("/w"), null, 0)))
        .isEqualTo(new WorkerResult("maybe", 200, "hm"));
  }

  @Test
  void a_body_that_is_not_json_is_a_failure() {
    worker.script("/w", Reply.body(200, "<html>oops</html>"));

    WorkerResult result = client.call(job(worker.url("/w"), null, 0));

    assertThat(result.status()).isEqualTo("failure");
    assertThat(result.code()).isEqualTo(200);
    assertThat(result.message()).contains("<html>oops</html>");
  }

  @Test
  void an_empty_answer_is_a_failure_that_says_the_body_was_empty() {
    worker.script("/w", Reply.body(500, ""));

    WorkerResult result = client.call(job(worker.url("/w"), null, 0));

    assertThat(result.status()).isEqualTo("failure");
    assertThat(result.code()).isEqualTo(500);
    assertThat(result.message()).isEqualTo("worker answered no JSON status: (empty body)");
  }

  @Test
  void a_closed_connection_is_a_failure() {
    worker.script("/w", Reply.closeConnection());

    WorkerResult result = client.call(job(worker.url("/w"), null, 0));

    assertThat(result.status()).isEqualTo("failure");
    assertThat(result.code()).isZero();
  }

  @Test
  void a_refused_connection_is_a_failure() throws IOException {
    int closedPort;
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      closedPort = socket.getLocalPort();
    }

    WorkerResult result = client.call(job("http://127.0.0.1:" + closedPort + "/w", null, 0));

    assertThat(result.status()).isEqualTo("failure");
    assertThat(result.code()).isZero();
  }

  @Test
  void a_worker_slower_than_the_timeout_is_a_failure() {
    worker.script("/w", Reply.delayed(Duration.ofSeconds(5), Reply.success()));

    long started = System.nanoTime();
    WorkerResult result = client.call(job(worker.url("/w"), null, 1));
    Duration took = Duration.ofNanos(System.nanoTime() - started);

    assertThat(result.status()).isEqualTo("failure");
    assertThat(result.message()).contains("1 s");
    assertThat(took).isLessThan(Duration.ofSeconds(4));
  }

  @Test
  void without_keep_alive_every_sequential_call_succeeds_on_a_connection_of_its_own() {
    List<WorkerResult> results =
        IntStream.range(0, CALLS).mapToObj(i -> client.call(job(worker.url("/w"), null, 0))).toList();

    assertThat(results).allSatisfy(result -> assertThat(result.status()).isEqualTo("success"));
    assertThat(clientPorts()).hasSize(CALLS);
  }

  @Test
  void without_keep_alive_every_concurrent_call_succeeds_on_a_connection_of_its_own()
      throws Exception {
    List<WorkerResult> results = callConcurrently(client, CALLS, 8);

    assertThat(results).allSatisfy(result -> assertThat(result.status()).isEqualTo("success"));
    assertThat(clientPorts()).hasSize(CALLS);
  }

  @Test
  void with_keep_alive_sequential_calls_share_one_connection() {
    HttpWorkerClient keepingAlive = new HttpWorkerClient(keepAlive());

    IntStream.range(0, 20).forEach(i -> keepingAlive.call(job(worker.url("/w"), null, 0)));

    assertThat(worker.requests("/w")).hasSize(20);
    assertThat(clientPorts()).hasSize(1);
  }

  @Test
  void with_keep_alive_concurrent_calls_use_no_more_connections_than_calls_at_once()
      throws Exception {
    List<WorkerResult> results = callConcurrently(new HttpWorkerClient(keepAlive()), 60, 4);

    assertThat(results).allSatisfy(result -> assertThat(result.status()).isEqualTo("success"));
    assertThat(clientPorts()).hasSizeBetween(1, 4);
  }

  private static final int CALLS = 200;

  private static DispatchSettings keepAlive() {
    DispatchSettings defaults = DispatchSettings.defaults();
    return new DispatchSettings(
        true, defaults.maxConnsPerHost(), defaults.idleConnTimeout(), defaults.userAgent());
  }

  private static List<WorkerResult> callConcurrently(HttpWorkerClient client, int calls, int threads)
      throws Exception {
    try (ExecutorService callers = Executors.newFixedThreadPool(threads)) {
      List<Future<WorkerResult>> results =
          IntStream.range(0, calls)
              .mapToObj(i -> callers.submit(() -> client.call(job(worker.url("/w"), null, 0))))
              .toList();
      return results.stream().map(HttpWorkerClientTest::await).toList();
    }
  }

  private static WorkerResult await(Future<WorkerResult> result) {
    try {
      return result.get();
    } catch (Exception e) {
      throw new AssertionError(e);
    }
  }

  private static List<Integer> clientPorts() {
    return worker.requests("/w").stream().map(RecordedRequest::clientPort).distinct().toList();
  }

  private static Job job(String url, String payload, long timeout) {
    return Job.fresh("q", 1, new NewJob("c", url, payload, 0, 0, 0, timeout), 0);
  }
}
