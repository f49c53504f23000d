package dev.middleman.http;

import java.time.Duration;
import java.util.Objects;

/**
 * How long a client may keep a connection without moving, so that stalled or abandoned
 * connections are closed instead of held forever.
 *
 * @param idle the longest wait for the client's next bytes: between requests on a kept-alive
 *     connection, inside the request head, or inside the body (a {@code Content-Length} the body
 *     never reaches); also the longest a write of the answer may stall
 * @param requestParse the longest the request line and headers may take to arrive in full, however
 *     steadily they trickle in
 */
record ConnectionTimeouts(Duration idle, Duration requestParse) {

  static final ConnectionTimeouts DEFAULT =
      new ConnectionTimeouts(Duration.ofSeconds(60), Duration.ofSeconds(60));

  ConnectionTimeouts {
    requirePositive(idle, "idle timeout");
    requirePositive(requestParse, "request parse timeout");
  }

  private static void requirePositive(Duration timeout, String what) {
    Objects.requireNonNull(timeout, what);
    if (timeout.isNegative() || timeout.isZero() || timeout.toMillis() > Integer.MAX_VALUE) {
      throw new IllegalArgumentException(what + " must be positive and below 24 days, got " + timeout);
    }
  }

  int idleMillis() {
    return (int) idle.toMillis();
  }

  int requestParseMillis() {
    return (int) requestParse.toMillis();
  }
}
