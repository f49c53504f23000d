package dev.middleman.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import dev.middleman.core.Middleman;
import dev.middleman.core.MiddlemanSettings;
import dev.middleman.core.memory.InMemoryStorage;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.channels.ServerSocketChannel;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class ServerLifecycleTest {

  @Test
  void graceful_shutdown_lets_a_request_in_flight_finish_and_refuses_new_connections()
      throws Exception {
    try (RunningApi node = RunningApi.start()) {
      int port = node.server.address().getPort();
      node.storage.closeGate();
      CompletableFuture<Api.Response> slow = CompletableFuture.supplyAsync(
          () -> node.api.post("/job/x", "{\"url\": \"http://127.0.0.1:9/\"}"));
      await().atMost(Duration.ofSeconds(10)).until(() -> node.storage.pushesAtGate() == 1);

      CompletableFuture<Boolean> shutdown =
          CompletableFuture.supplyAsync(() -> node.server.shutdown(Duration.ofSeconds(10)));
      assertThatThrownBy(() -> new Api("http://127.0.0.1:" + port).get("/version"))
          .isInstanceOf(UncheckedIOException.class);
      node.storage.openGate();

      assertThat(slow.get().status()).isEqualTo(200);
      assertThat(shutdown.get()).isTrue();
    }
  }

  @Test
  void shutdown_still_answers_a_request_on_a_connection_it_had_accepted_and_then_closes_it()
      throws Exception {
    try (InMemoryStorage storage = new InMemoryStorage();
        Middleman middleman = Middleman.builder(storage).build();
        ApiServer server = ApiServer.builder(middleman).keepAlive(true).build()) {
      middleman.start();
      server.start(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
      try (Socket client = new Socket(InetAddress.getLoopbackAddress(), server.address().getPort())) {
        client.setSoTimeout(5000);
        BufferedReader in = new BufferedReader(
            new InputStreamReader(client.getInputStream(), StandardCharsets.US_ASCII));
        assertThat(exchange(client, in)).contains("HTTP/1.1 200 OK").doesNotContain("Connection: close");

        CompletableFuture<Boolean> shutdown =
            CompletableFuture.supplyAsync(() -> server.shutdown(Duration.ofSeconds(10)));
        await().atMost(Duration.ofSeconds(5)).untilAsserted(() -> assertThatThrownBy(
            () -> new Socket(InetAddress.getLoopbackAddress(), server.address().getPort()).close())
            .isInstanceOf(IOException.class));

        assertThat(exchange(client, in)).contains("HTTP/1.1 200 OK", "Connection: close");
        assertThat(in.read()).isEqualTo(-1);
        assertThat(shutdown.get()).isTrue();
      }
    }
  }

  /** One GET /version on an open connection: the status line and headers of its answer. */
  private static List<String> exchange(Socket client, BufferedReader in) throws IOException {
    client.getOutputStream().write(
        "GET /version HTTP/1.1\r\nHost: test\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
    List<String> head = new ArrayList<>();
    for (String line = in.readLine(); line != null && !line.isEmpty(); line = in.readLine()) {
      head.add(line);
    }
    int length = head.stream().filter(h -> h.toLowerCase().startsWith("content-length:"))
        .map(h -> Integer.parseInt(h.substring(h.indexOf(':') + 1).trim())).findFirst().orElse(0);
    in.skip(length);
    return head;
  }

  @Test
  void shutdown_says_when_a_request_did_not_finish_in_time() throws Exception {
    try (RunningApi node = RunningApi.start()) {
      node.storage.closeGate();
      CompletableFuture.runAsync(() -> node.api.post("/job/x", "{\"url\": \"http://127.0.0.1:9/\"}"));
      await().atMost(Duration.ofSeconds(10)).until(() -> node.storage.pushesAtGate() == 1);

      assertThat(node.server.shutdown(Duration.ofMillis(200))).isFalse();
      node.storage.openGate();
    }
  }

  @Test
  void requests_waiting_on_storage_do_not_hold_up_the_others() {
    try (RunningApi node = RunningApi.start()) {
      node.storage.closeGate();
      int held = 2 * Runtime.getRuntime().availableProcessors() + 2;
      List<CompletableFuture<Api.Response>> pushes = IntStream.range(0, held)
          .mapToObj(i -> CompletableFuture.supplyAsync(
              () -> new Api("http://127.0.0.1:" + node.server.address().getPort())
                  .post("/job/x", "{\"url\": \"http://127.0.0.1:9/\"}")))
          .toList();
      await().atMost(Duration.ofSeconds(10)).until(() -> node.storage.pushesAtGate() == held);

      assertThat(node.api.get("/queues").status()).isEqualTo(200);
      node.storage.openGate();
      assertThat(pushes).allSatisfy(push -> assertThat(push.join().status()).isEqualTo(200));
    }
  }

  @Test
  void says_why_it_cannot_listen_on_an_address_in_use() {
    try (RunningApi node = RunningApi.start();
        ApiServer second = ApiServer.builder(node.middleman).build()) {
      assertThatThrownBy(() -> second.start(node.server.address()))
          .isInstanceOf(UncheckedIOException.class)
          .hasMessageContaining("cannot listen");
    }
  }

  @Test
  void serves_on_a_listening_socket_handed_over_by_a_parent() throws Exception {
    try (InMemoryStorage storage = new InMemoryStorage();
        Middleman middleman = Middleman.builder(storage)
            .settings(MiddlemanSettings.defaults().withDefaultQueue("default")).build();
        ServerSocketChannel inherited = ServerSocketChannel.open()) {
      inherited.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
      int port = ((InetSocketAddress) inherited.getLocalAddress()).getPort();
      middleman.start();
      try (ApiServer server = ApiServer.builder(middleman).keepAlive(true).build()) {
        server.start(inherited);
        Api api = new Api("http://127.0.0.1:" + port);

        assertThat(server.address().getPort()).isEqualTo(port);
        for (int i = 0; i < 20; i++) {
          assertThat(api.post("/job/x", "{\"url\": \"http://127.0.0.1:9/\", \"run_after\": 600}")
              .status()).isEqualTo(200);
        }
        assertThat(api.get("/queue/default/stats").json().get("total_pushes").asInt()).isEqualTo(20);
        assertThat(server.shutdown(Duration.ofSeconds(5))).isTrue();
      }
    }
  }

  @Test
  void serves_on_a_socket_inherited_as_a_file_descriptor_number() throws Exception {
    // stands in for the parent process: a bound socket whose descriptor number is passed on
    ServerSocketChannel parent = ServerSocketChannel.open()
        .bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
    int fd = (int) Class.forName("sun.nio.ch.SelChImpl").getMethod("getFDVal").invoke(parent);
    int port = ((InetSocketAddress) parent.getLocalAddress()).getPort();
    try (RunningApi node = RunningApi.start();
        ApiServer server = ApiServer.builder(node.middleman).build()) {
      ServerSocketChannel inherited = InheritedSockets.fromFileDescriptor(fd);
      server.start(inherited);

      assertThat(new Api("http://127.0.0.1:" + port).get("/queues").status()).isEqualTo(200);
      assertThat(server.address().getPort()).isEqualTo(port);
    }
    // the server closed the shared descriptor; closing `parent` too could close a reused number
  }

  @Test
  void refuses_a_file_descriptor_that_is_not_a_socket() {
    assertThatThrownBy(() -> InheritedSockets.fromFileDescriptor(0))
        .isInstanceOf(UncheckedIOException.class)
        .hasMessageContaining("file descriptor 0");
  }
}
