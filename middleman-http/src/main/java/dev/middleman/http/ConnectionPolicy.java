package dev.middleman.http;

import io.undertow.server.HttpHandler;
import io.undertow.server.HttpServerExchange;
import io.undertow.util.Headers;

/** Without keep-alive every answer says {@code Connection: close} and the connection ends after it. */
final class ConnectionPolicy implements HttpHandler {

  private final boolean keepAlive;
  private final HttpHandler next;

  ConnectionPolicy(boolean keepAlive, HttpHandler next) {
    this.keepAlive = keepAlive;
    this.next = next;
  }

  @Override
  public void handleRequest(HttpServerExchange exchange) throws Exception {
    if (!keepAlive) {
      exchange.setPersistent(false);
      exchange.getResponseHeaders().put(Headers.CONNECTION, Headers.CLOSE.toString());
    }
    next.handleRequest(exchange);
  }
}
