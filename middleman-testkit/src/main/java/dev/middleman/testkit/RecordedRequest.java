package dev.middleman.testkit;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * One request a {@link FakeWorker} received.
 *
 * @param arrivedNanos {@link System#nanoTime()} at arrival, for measuring gaps between requests
 * @param clientPort the caller's port, which tells apart the connections requests arrived on
 */
public record RecordedRequest(
    String method,
    String path,
    Map<String, List<String>> headers,
    byte[] body,
    Instant arrivedAt,
    long arrivedNanos,
    int clientPort) {

  /** The first value of a header, matched without regard to case, or null. */
  public String header(String name) {
    return headers.entrySet().stream()
        .filter(entry -> entry.getKey().equalsIgnoreCase(name))
        .map(entry -> entry.getValue().getFirst())
        .findFirst()
        .orElse(null);
  }

  public String bodyText() {
    return new String(body, StandardCharsets.UTF_8);
  }
}
