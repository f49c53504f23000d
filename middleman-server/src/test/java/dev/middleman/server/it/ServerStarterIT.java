package dev.middleman.server.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.middleman.testkit.FakeWorker;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** Graceful restart under Server::Starter: a HUP to start_server swaps daemons without a failed request. */
class ServerStarterIT {

  @RegisterExtension
  static final FakeWorker worker = new FakeWorker();

  @TempDir
  Path dir;

  @Test
  void a_hup_to_start_server_swaps_in_a_new_daemon_with_no_refused_or_failed_push() throws Exception {
    int port = MiddlemanProcess.freePort();
    Path status = dir.resolve("start_server.status");
    ProcessBuilder builder = new ProcessBuilder("start_server", "--port=127.0.0.1:" + port,
        "--status-file=" + status, "--interval=2", "--",
        MiddlemanProcess.java(), "-jar", Path.of(MiddlemanProcess.JAR).toAbsolutePath().toString(),
        "--queue-default=default", "--shutdown-timeout=10");
    Map<String, String> environment = builder.environment();
    environment.keySet().removeIf(name -> name.startsWith("MIDDLEMAN_") || name.equals("SERVER_STARTER_PORT"));
    builder.redirectErrorStream(true).redirectOutput(dir.resolve("start_server.log").toFile());
    Process starter = builder.start();
    try {
      HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
      await().atMost(Duration.ofSeconds(30)).ignoreExceptions()
          .until(() -> push(http, port, -1).statusCode() == 200);
      long firstDaemon = daemonPid(status, 1);

      AtomicBoolean pushing = new AtomicBoolean(true);
      AtomicInteger succeeded = new AtomicInteger();
      List<String> failures = new java.util.concurrent.CopyOnWriteArrayList<>();
      Thread pusher = Thread.ofPlatform().start(() -> {
        // Bounded: at most 5,000 pushes, one at a time, to loopback.
        for (int i = 0; i < 5000 && pushing.get(); i++) {
          try {
            HttpResponse<String> response = push(http, port, i);
            if (response.statusCode() == 200) {
              succeeded.incrementAndGet();
            } else {
              failures.add(response.statusCode() + " " + response.body());
            }
          } catch (IOException | InterruptedException e) {
            failures.add(e.toString());
          }
        }
      });
      await().atMost(Duration.ofSeconds(10)).until(() -> succeeded.get() >= 50);

      new ProcessBuilder("kill", "-HUP", Long.toString(starter.pid())).start().waitFor();
      long secondDaemon = await().atMost(Duration.ofSeconds(60))
          .until(() -> daemonPidOrZero(status, 2), pid -> pid != 0);
      await().atMost(Duration.ofSeconds(30))
          .until(() -> ProcessHandle.of(firstDaemon).map(ProcessHandle::isAlive).orElse(false) == false);
      int atSwap = succeeded.get();
      await().atMost(Duration.ofSeconds(10)).until(() -> succeeded.get() >= atSwap + 50);
      pushing.set(false);
      pusher.join(Duration.ofSeconds(30));

      assertThat(secondDaemon).isNotEqualTo(firstDaemon);
      assertThat(failures).as("failed pushes during the swap").isEmpty();
      assertThat(ProcessHandle.of(secondDaemon).map(ProcessHandle::isAlive)).contains(true);
    } finally {
      starter.destroy();
      assertThat(starter.waitFor(30, TimeUnit.SECONDS)).isTrue();
    }
    assertThat(starter.exitValue()).isZero();
  }

  private HttpResponse<String> push(HttpClient http, int port, int n) throws IOException, InterruptedException {
    HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/job/swap"))
        .header("Content-Type", "application/json").timeout(Duration.ofSeconds(10))
        .POST(HttpRequest.BodyPublishers.ofString(
            "{\"url\":\"" + worker.url("/swap") + "\",\"payload\":" + n + "}"))
        .build();
    return http.send(request, HttpResponse.BodyHandlers.ofString());
  }

  /** The pid start_server reports for a generation of daemons, 0 while there is none. */
  private static long daemonPidOrZero(Path status, int generation) throws IOException {
    if (!Files.exists(status)) {
      return 0;
    }
    return Files.readAllLines(status).stream()
        .filter(line -> line.startsWith(generation + ":"))
        .mapToLong(line -> Long.parseLong(line.substring(line.indexOf(':') + 1).trim()))
        .findFirst().orElse(0);
  }

  private static long daemonPid(Path status, int generation) {
    return await().atMost(Duration.ofSeconds(10))
        .until(() -> daemonPidOrZero(status, generation), pid -> pid != 0);
  }
}
