package dev.middleman.http;

import io.undertow.server.HttpHandler;
import io.undertow.server.HttpServerExchange;
import java.net.InetSocketAddress;
import java.time.Instant;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Tells the access log about every request once its answer is complete. */
final class AccessLogHandler implements HttpHandler {

  private static final Logger log = LoggerFactory.getLogger(AccessLogHandler.class);

  private final AccessLog accessLog;
  private final HttpHandler next;

  AccessLogHandler(AccessLog accessLog, HttpHandler next) {
    this.accessLog = accessLog;
    this.next = next;
  }

  @Override
  public void handleRequest(HttpServerExchange exchange) throws Exception {
    Instant arrived = Instant.now();
    long start = System.nanoTime();
    exchange.addExchangeCompleteListener((done, nextListener) -> {
      try {
        accessLog.record(entry(done, arrived, (System.nanoTime() - start) / 1000));
      } catch (RuntimeException e) {
        log.warn("The access log failed: {}", e.toString());
      } finally {
        nextListener.proceed();
      }
    });
    next.handleRequest(exchange);
  }

  private static AccessLog.Entry entry(HttpServerExchange exchange, Instant arrived, long micros) {
    String query = exchange.getQueryString();
    String path = RequestPath.rawPath(exchange.getRequestURI())
        + (query == null || query.isEmpty() ? "" : "?" + query);
    InetSocketAddress source = exchange.getSourceAddress();
    String remote = source == null ? "" : source.getAddress() == null
        ? source.getHostString() : source.getAddress().getHostAddress();
    return new AccessLog.Entry(arrived, exchange.getRequestMethod().toString(), path,
        exchange.getStatusCode(), exchange.getResponseBytesSent(), micros, remote);
  }
}
