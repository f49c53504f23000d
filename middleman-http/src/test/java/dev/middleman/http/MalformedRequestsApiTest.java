package dev.middleman.http;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** What Undertow refuses before any handler runs: the exceptions to the JSON error body. */
class MalformedRequestsApiTest {

  private final RunningApi node = RunningApi.start();

  @AfterEach
  void stop() {
    node.close();
  }

  @ParameterizedTest
  @ValueSource(strings = {"GARBAGE\r\n\r\n", "GET  HTTP/1.1 x\r\n\r\n",
      "GET /queue/a%2 HTTP/1.1\r\nHost: test\r\n\r\n"})
  void a_malformed_request_line_or_escape_gets_a_400_without_a_body(String request)
      throws IOException {
    List<String> answer = RawHttp.exchange(node.server.address().getPort(), request);

    assertThat(answer).containsExactly(
        "HTTP/1.1 400 Bad Request", "Content-Length: 0", "Connection: close", "");
  }

  @Test
  void a_malformed_chunk_size_closes_the_connection_without_an_answer_and_stores_nothing()
      throws IOException {
    List<String> answer = RawHttp.exchange(node.server.address().getPort(),
        "POST /job/x HTTP/1.1\r\nHost: test\r\nTransfer-Encoding: chunked\r\n\r\n"
            + "ZZ\r\n{\"url\": \"http://127.0.0.1:9/\"}\r\n0\r\n\r\n");

    assertThat(answer).isEmpty();
    assertThat(node.middleman.countJobs("default")).isZero();
  }
}
