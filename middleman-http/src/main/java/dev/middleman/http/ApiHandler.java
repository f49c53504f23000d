package dev.middleman.http;

import dev.middleman.http.Router.Match;
import io.undertow.io.Receiver;
import io.undertow.server.HttpHandler;
import io.undertow.server.HttpServerExchange;
import io.undertow.util.Headers;
import io.undertow.util.HttpString;
import java.nio.ByteBuffer;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executor;

/**
 * Routes a request, reads its body without blocking the IO thread, runs the endpoint on a worker
 * thread (endpoints may block on storage) and writes the answer back on the IO thread.
 */
final class ApiHandler implements HttpHandler {

  private static final byte[] NO_BODY = new byte[0];

  private final Router router;
  private final Executor workers;
  private final long maxBodySize;

  ApiHandler(Router router, Executor workers, long maxBodySize) {
    this.router = router;
    this.workers = workers;
    this.maxBodySize = maxBodySize;
  }

  @Override
  public void handleRequest(HttpServerExchange exchange) {
    Match match;
    try {
      String rawPath = RequestPath.rawPath(exchange.getRequestURI());
      List<String> segments = RequestPath.segments(rawPath);
      match = router.match(exchange.getRequestMethod().toString(), segments, rawPath);
    } catch (RuntimeException e) {
      send(exchange, ErrorMapping.answer(e));
      return;
    }
    if (!match.route().takesBody()) {
      exchange.dispatch(workers, () -> run(exchange, match, NO_BODY));
      return;
    }
    if (exchange.getRequestContentLength() > maxBodySize) {
      refuseTooLarge(exchange);
      return;
    }
    // counts the bytes of a chunked body as they come, and fails once there are too many
    exchange.getRequestReceiver().setMaxBufferSize((int) Math.min(maxBodySize, Integer.MAX_VALUE));
    exchange.getRequestReceiver().receiveFullBytes(
        (ex, body) -> ex.dispatch(workers, () -> run(ex, match, body)),
        (ex, failure) -> {
          if (failure instanceof Receiver.RequestToLargeException) {
            refuseTooLarge(ex);
          } else {
            ex.setPersistent(false);
            ex.endExchange();
          }
        });
  }

  private void run(HttpServerExchange exchange, Match match, byte[] body) {
    Answer answer;
    try {
      answer = match.route().endpoint()
          .answer(new ApiRequest(match.parameters(), exchange.getQueryParameters(), body));
    } catch (Throwable e) {
      // even an Error gets an answer (a 500), rather than leaving the client waiting
      answer = ErrorMapping.answer(e, match.route().writes());
    }
    Answer done = answer;
    // The answer is written, and the exchange completed, on the connection's IO thread: completing
    // it elsewhere makes Undertow's IO thread spin on the connection's state while this thread
    // finishes, which on a busy machine costs a whole time slice.
    exchange.dispatch(exchange.getIoThread(), () -> send(exchange, done));
  }

  /** The rest of the body is not read: the connection closes after the answer. */
  private void refuseTooLarge(HttpServerExchange exchange) {
    exchange.setPersistent(false);
    send(exchange, ErrorMapping.answer(ApiException.tooLarge(maxBodySize)));
  }

  private static void send(HttpServerExchange exchange, Answer answer) {
    exchange.setStatusCode(answer.status());
    exchange.getResponseHeaders().put(Headers.CONTENT_TYPE, answer.contentType());
    for (Map.Entry<String, String> header : answer.headers().entrySet()) {
      exchange.getResponseHeaders().put(HttpString.tryFromString(header.getKey()), header.getValue());
    }
    exchange.getResponseSender().send(ByteBuffer.wrap(answer.body()));
  }
}
