package dev.middleman.testkit;

import com.sun.net.httpserver.HttpExchange;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

/** How a {@link FakeWorker} answers one request. */
@FunctionalInterface
public interface Reply {

  void send(HttpExchange exchange) throws IOException;

  static Reply success() {
    return status("success", "ok");
  }

  static Reply failure(String message) {
    return status("failure", message);
  }

  static Reply permanentFailure(String message) {
    return status("permanent-failure", message);
  }

  /** A JSON verdict {@code {"status": status, "message": message}} with HTTP 200. */
  static Reply status(String status, String message) {
    return body(200, "{\"status\":\"" + status + "\",\"message\":\"" + message + "\"}");
  }

  /** Any body, JSON or not, with the given HTTP code. */
  static Reply body(int code, String body) {
    return exchange -> {
      byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
      exchange.getResponseHeaders().set("Content-Type", "application/json");
      exchange.sendResponseHeaders(code, bytes.length == 0 ? -1 : bytes.length);
      try (OutputStream out = exchange.getResponseBody()) {
        out.write(bytes);
      }
    };
  }

  /** Closes the connection without sending a response. */
  static Reply closeConnection() {
    return HttpExchange::close;
  }

  /** Waits, then answers as {@code then}. */
  static Reply delayed(Duration delay, Reply then) {
    return exchange -> {
      try {
        Thread.sleep(delay);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return;
      }
      then.send(exchange);
    };
  }
}
