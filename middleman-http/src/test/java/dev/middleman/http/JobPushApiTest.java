package dev.middleman.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import dev.middleman.core.model.QueueDefinition;
import dev.middleman.core.model.Routing;
import dev.middleman.testkit.FakeWorker;
import java.io.BufferedReader;
import java.io.ByteArrayInputStream;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpRequest.BodyPublishers;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class JobPushApiTest {

  @RegisterExtension static final FakeWorker worker = new FakeWorker();

  private final RunningApi node = RunningApi.start(builder -> builder.maxBodySize(1024));
  private final Api api = node.api;

  @AfterEach
  void stop() {
    node.close();
  }

  @Test
  void echoes_the_pushed_job_with_its_id_queue_and_category() {
    Api.Response response = api.post("/job/mail/send", """
        {"url": "%s", "payload": {"to": "a@example.com"}, "run_after": 0, "max_retries": 2,
         "retry_delay": 5, "timeout": 9, "unknown": true}""".formatted(worker.url("/w")));

    assertThat(response.status()).isEqualTo(200);
    JsonNode job = response.json();
    assertThat(job.get("id").asLong()).isPositive();
    assertThat(job.get("queue_name").asText()).isEqualTo("default");
    assertThat(job.get("category").asText()).isEqualTo("mail/send");
    assertThat(job.get("url").asText()).isEqualTo(worker.url("/w"));
    assertThat(job.get("payload").get("to").asText()).isEqualTo("a@example.com");
    assertThat(job.get("max_retries").asInt()).isEqualTo(2);
    assertThat(job.get("retry_delay").asInt()).isEqualTo(5);
    assertThat(job.get("timeout").asInt()).isEqualTo(9);
    assertThat(job.has("unknown")).isFalse();
  }

  @Test
  void routes_a_category_with_slashes_to_its_queue() {
    node.middleman.putQueue(new QueueDefinition("mail", 200, 5, null));
    node.middleman.putRouting(new Routing("mail/send/now", "mail"));

    Api.Response response = api.post("/job/mail/send/now", job(worker.url("/w")));

    assertThat(response.json().get("queue_name").asText()).isEqualTo("mail");
    assertThat(response.json().get("category").asText()).isEqualTo("mail/send/now");
  }

  @Test
  void a_worker_receives_the_payload_bytes_as_pushed_and_a_string_as_its_raw_text() {
    assertThat(List.of(
        api.post("/job/a", "{\"url\": \"" + worker.url("/object") + "\", \"payload\": {\"a\": [1, 2.50, \"x\"]}}"),
        api.post("/job/b", "{\"url\": \"" + worker.url("/string") + "\", \"payload\": \"hello \\\"you\\\"\"}"),
        api.post("/job/c", "{\"url\": \"" + worker.url("/number") + "\", \"payload\": 12.0}"),
        api.post("/job/d", "{\"url\": \"" + worker.url("/none") + "\"}")))
        .extracting(Api.Response::status).containsOnly(200);

    assertThat(body("/object")).isEqualTo("{\"a\": [1, 2.50, \"x\"]}");
    assertThat(body("/string")).isEqualTo("hello \"you\"");
    assertThat(body("/number")).isEqualTo("12.0");
    assertThat(body("/none")).isEmpty();
  }

  @Test
  void defaults_the_optional_numbers_to_zero() {
    JsonNode job = api.post("/job/x", job(worker.url("/w"))).json();

    assertThat(job.get("run_after").asLong()).isZero();
    assertThat(job.get("max_retries").asLong()).isZero();
    assertThat(job.get("retry_delay").asLong()).isZero();
    assertThat(job.get("timeout").asLong()).isZero();
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(delimiter = '|', value = {
      "not JSON             | {url:                                   | body",
      "not an object        | [1, 2]                                  | body",
      "empty                |                                         | body",
      "url missing          | {\"payload\": 1}                        | url",
      "url relative         | {\"url\": \"/work\"}                    | url",
      "url not http         | {\"url\": \"ftp://example.com/x\"}      | url",
      "url not a string     | {\"url\": 5}                            | url",
      "run_after string     | {\"url\": \"http://w/\", \"run_after\": \"5\"}   | run_after",
      "run_after float      | {\"url\": \"http://w/\", \"run_after\": 1.5}     | run_after",
      "max_retries negative | {\"url\": \"http://w/\", \"max_retries\": -1}    | max_retries",
      "retry_delay float    | {\"url\": \"http://w/\", \"retry_delay\": 2.0}   | retry_delay",
      "timeout too large    | {\"url\": \"http://w/\", \"timeout\": 99999999999999999999} | timeout",
  })
  void refuses_a_bad_job_with_400_naming_the_field(String why, String body, String field) {
    Api.Response response = api.post("/job/x", body == null ? "" : body);

    assertThat(response.status()).isEqualTo(400);
    assertThat(response.header("Content-Type")).startsWith("application/json");
    assertThat(response.json().get("error").asText()).isNotBlank();
    assertThat(response.json().get("detail").asText()).contains(field);
    assertThat(node.middleman.countJobs("default")).isZero();
  }

  @Test
  void refuses_a_category_with_no_routing_and_no_default_queue() {
    try (RunningApi bare = RunningApi.withoutDefaultQueue()) {
      Api.Response response = bare.api.post("/job/lost", job(worker.url("/w")));

      assertThat(response.status()).isEqualTo(400);
      assertThat(response.json().get("detail").asText()).contains("category").contains("lost");
    }
  }

  @Test
  void answers_405_with_allow_to_another_method() {
    Api.Response response = api.get("/job/x");

    assertThat(response.status()).isEqualTo(405);
    assertThat(response.header("Allow")).isEqualTo("POST");
    assertThat(response.json().get("error").asText()).isEqualTo("method not allowed");
  }

  @Test
  void answers_413_to_a_body_whose_length_is_above_the_limit() {
    Api.Response response = api.post("/job/x", job(worker.url("/w" + "x".repeat(2000))));

    assertThat(response.status()).isEqualTo(413);
    assertThat(response.json().get("detail").asText()).contains("1024");
    assertThat(node.middleman.countJobs("default")).isZero();
  }

  @Test
  void answers_413_to_a_chunked_body_that_grows_above_the_limit() {
    byte[] body = job(worker.url("/w" + "x".repeat(5000))).getBytes();
    HttpRequest request = HttpRequest.newBuilder(URI.create(base() + "/job/x"))
        .POST(BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(body)))
        .build();

    Api.Response response = api.send(request);

    assertThat(request.bodyPublisher().orElseThrow().contentLength()).isNegative();
    assertThat(response.status()).isEqualTo(413);
    assertThat(node.middleman.countJobs("default")).isZero();
  }

  @Test
  void accepts_a_chunked_body_within_the_limit() {
    byte[] body = job(worker.url("/w")).getBytes();
    HttpRequest request = HttpRequest.newBuilder(URI.create(base() + "/job/x"))
        .POST(BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(body)))
        .build();

    assertThat(api.send(request).status()).isEqualTo(200);
  }

  @Test
  void answers_expect_100_continue_before_the_body_is_sent() throws Exception {
    byte[] body = job(worker.url("/w")).getBytes(StandardCharsets.UTF_8);
    try (Socket socket = new Socket(InetAddress.getLoopbackAddress(), node.server.address().getPort())) {
      socket.setSoTimeout(5000);
      OutputStream out = socket.getOutputStream();
      BufferedReader in = new BufferedReader(
          new InputStreamReader(socket.getInputStream(), StandardCharsets.US_ASCII));
      out.write(("POST /job/x HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/json\r\n"
          + "Expect: 100-continue\r\nContent-Length: " + body.length + "\r\n\r\n")
          .getBytes(StandardCharsets.US_ASCII));
      out.flush();

      assertThat(in.readLine()).startsWith("HTTP/1.1 100");
      out.write(body);
      out.flush();
      String status = in.readLine();
      while (status.isEmpty()) {
        status = in.readLine();
      }
      assertThat(status).startsWith("HTTP/1.1 200");
    }
  }

  @Test
  void answers_503_when_the_storage_is_down_and_stores_nothing() {
    node.storage.down(true);

    Api.Response response = api.post("/job/x", job(worker.url("/w")));

    assertThat(response.status()).isEqualTo(503);
    assertThat(response.json().get("error").asText()).isEqualTo("storage unavailable");
    node.storage.down(false);
    assertThat(node.middleman.countJobs("default")).isZero();
  }

  private String base() {
    return "http://127.0.0.1:" + node.server.address().getPort();
  }

  /** The body of the first request to reach {@code path}, once one has. */
  private static String body(String path) {
    await("a request to " + path).atMost(Duration.ofSeconds(10))
        .until(() -> !worker.requests(path).isEmpty());
    return worker.requests(path).getFirst().bodyText();
  }

  static String job(String url) {
    return "{\"url\": \"" + url + "\"}";
  }
}
