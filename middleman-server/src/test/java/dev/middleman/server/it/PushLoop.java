package dev.middleman.server.it;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentSkipListSet;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Pushes numbered jobs one after another to 127.0.0.1 until stopped, at most 5,000, and notes
 * which were stored and which requests failed. Each job may be retried three times, so that a
 * worker call broken by the network is not mistaken for a job the restart lost.
 */
final class PushLoop implements AutoCloseable {

  private static final int MOST = 5000;

  private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
  private final AtomicBoolean running = new AtomicBoolean(true);
  private final Set<Integer> stored = new ConcurrentSkipListSet<>();
  private final List<String> failures = new CopyOnWriteArrayList<>();
  private final Thread thread;

  PushLoop(int port, String workerUrl) {
    URI push = URI.create("http://127.0.0.1:" + port + "/job/loop");
    thread = Thread.ofPlatform().name("push-loop").start(() -> {
      for (int n = 0; n < MOST && running.get(); n++) {
        HttpRequest request = HttpRequest.newBuilder(push)
            .header("Content-Type", "application/json").timeout(Duration.ofSeconds(10))
            .POST(HttpRequest.BodyPublishers.ofString("{\"url\":\"" + workerUrl + "\",\"max_retries\":3,\"payload\":" + n + "}"))
            .build();
        try {
          HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
          if (response.statusCode() == 200) {
            stored.add(n);
          } else {
            failures.add(n + ": " + response.statusCode() + " " + response.body());
          }
        } catch (IOException e) {
          failures.add(n + ": " + e);
        } catch (InterruptedException e) {
          return;
        }
      }
    });
  }

  int storedCount() {
    return stored.size();
  }

  Set<Integer> stored() {
    return Set.copyOf(stored);
  }

  List<String> failures() {
    return List.copyOf(failures);
  }

  /** Stops pushing and waits for the request in progress. */
  @Override
  public void close() throws InterruptedException {
    running.set(false);
    thread.join(Duration.ofSeconds(30));
  }
}
