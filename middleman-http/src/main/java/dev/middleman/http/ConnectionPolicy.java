package dev.middleman.http;

import io.undertow.server.HttpHandler;
import io.undertow.server.HttpServerExchange;
import io.undertow.util.Headers;

/**
 * Without keep-alive, and on every connection once the server is draining for shutdown, each answer
 * says {@code Connection: close} and the connection ends after it.
 */
final class ConnectionPolicy implements HttpHandler {

  private final boolean keepAlive;
  private final HttpHandler next;
  private volatile boolean draining;

  ConnectionPolicy(boolean keepAlive, HttpHandler next) {
    this.keepAlive = keepAlive;
    this.next = next;
  }

  /** From now on every connection is closed after its next answer. */
  void drain() {
    draining = true;
  }

  @Override
  public void handleRequest(HttpServerExchange exchange) throws Exception {
    if (!keepAlive || draining) {
      exchange.setPersistent(false);
      exchange.getResponseHeaders().put(Headers.CONNECTION, Headers.CLOSE.toString());
    }
    next.handleRequest(exchange);
  }
}
