package dev.middleman.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.awaitility.Awaitility.await;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class ConnectionTimeoutsApiTest {

  private static final Duration SHORT = Duration.ofMillis(300);

  private RunningApi node;

  @AfterEach
  void stop() {
    node.close();
  }

  @Test
  void closes_a_connection_whose_body_stops_short_of_its_content_length() throws IOException {
    node = RunningApi.start(builder -> builder.idleTimeout(SHORT));

    try (Socket client = connect()) {
      send(client, "POST /job/x HTTP/1.1\r\nHost: test\r\nContent-Type: application/json\r\n"
          + "Content-Length: 100\r\n\r\n{\"url\":");

      assertThat(readUntilClosed(client)).isEmpty();
    }
    assertThat(node.middleman.countJobs("default")).isZero();
  }

  @Test
  void closes_a_kept_alive_connection_left_idle() throws IOException {
    node = RunningApi.start(builder -> builder.keepAlive(true).idleTimeout(SHORT));

    try (Socket client = connect()) {
      send(client, "GET /health HTTP/1.1\r\nHost: test\r\n\r\n");

      assertThat(readUntilClosed(client)).startsWith("HTTP/1.1 200").contains("{\"status\":\"ok\"}");
    }
  }

  @Test
  void closes_a_connection_whose_headers_trickle_in_for_longer_than_the_parse_timeout()
      throws IOException {
    node = RunningApi.start(builder ->
        builder.idleTimeout(Duration.ofSeconds(10)).requestParseTimeout(SHORT));

    try (Socket client = connect()) {
      send(client, "GET /health HTTP/1.1\r\nHost: test\r\n");
      // one header every 50 ms: each comes well within the idle timeout, never the whole head
      CompletableFuture<Void> trickle = CompletableFuture.runAsync(() -> {
        try {
          for (int i = 0; i < 200; i++) {
            send(client, "X-Slow-" + i + ": 1\r\n");
            Thread.sleep(50);
          }
        } catch (IOException | InterruptedException closedByServer) {
          // the expected end
        }
      });

      long start = System.nanoTime();
      assertThat(readUntilClosed(client)).isEmpty();
      assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(5));
      await().atMost(Duration.ofSeconds(5)).until(trickle::isDone);
    }
  }

  @Test
  void an_endpoint_busier_than_the_idle_timeout_still_answers_on_a_kept_alive_connection()
      throws Exception {
    node = RunningApi.start(builder -> builder.keepAlive(true).idleTimeout(SHORT));
    try (Socket client = connect()) {
      BufferedReader in = new BufferedReader(
          new InputStreamReader(client.getInputStream(), StandardCharsets.UTF_8));
      send(client, "GET /health HTTP/1.1\r\nHost: test\r\n\r\n");
      assertThat(readAnswer(in)).startsWith("HTTP/1.1 200");
      node.storage.closeGate();
      String job = "{\"url\": \"http://127.0.0.1:9/\"}";
      send(client, "POST /job/x HTTP/1.1\r\nHost: test\r\nContent-Type: application/json\r\n"
          + "Content-Length: " + job.length() + "\r\n\r\n" + job);
      await().atMost(Duration.ofSeconds(5)).until(() -> node.storage.pushesAtGate() == 1);
      long gateClosed = System.nanoTime();

      // the push is held at the gate for three idle timeouts, with no byte moving meanwhile
      await().atMost(Duration.ofSeconds(5)).until(
          () -> System.nanoTime() - gateClosed > 3 * SHORT.toNanos());
      node.storage.openGate();

      assertThat(readAnswer(in)).startsWith("HTTP/1.1 200");
    }
  }

  /** The status line, headers and body of one answer with a Content-Length. */
  private static String readAnswer(BufferedReader in) throws IOException {
    StringBuilder answer = new StringBuilder();
    int length = 0;
    for (String line = in.readLine(); line != null && !line.isEmpty(); line = in.readLine()) {
      answer.append(line).append('\n');
      if (line.toLowerCase(Locale.ROOT).startsWith("content-length:")) {
        length = Integer.parseInt(line.substring("content-length:".length()).trim());
      }
    }
    char[] body = new char[length];
    int read = 0;
    while (read < length) {
      read += in.read(body, read, length - read);
    }
    return answer.append(body).toString();
  }

  @Test
  void refuses_a_timeout_that_is_not_positive() {
    node = RunningApi.start();

    assertThatIllegalArgumentException().isThrownBy(() ->
        ApiServer.builder(node.middleman).idleTimeout(Duration.ZERO).build());
    assertThatIllegalArgumentException().isThrownBy(() ->
        ApiServer.builder(node.middleman).requestParseTimeout(Duration.ofMillis(-1)).build());
  }

  private Socket connect() throws IOException {
    Socket client = new Socket(InetAddress.getLoopbackAddress(), node.server.address().getPort());
    client.setSoTimeout(8000);
    return client;
  }

  private static void send(Socket client, String text) throws IOException {
    OutputStream out = client.getOutputStream();
    out.write(text.getBytes(StandardCharsets.US_ASCII));
    out.flush();
  }

  /** Everything the server sends until it closes; a read timeout fails the test. */
  private static String readUntilClosed(Socket client) throws IOException {
    InputStream in = client.getInputStream();
    return new String(in.readAllBytes(), StandardCharsets.UTF_8);
  }
}
