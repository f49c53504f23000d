package dev.middleman.testkit;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * A real HTTP worker on 127.0.0.1 for tests: records every request and answers with scripted
 * replies. Use it as {@code @RegisterExtension static final FakeWorker worker = new FakeWorker();}:
 * it forgets requests and scripts before each test and stops after all of them; or start and close
 * it yourself.
 */
public final class FakeWorker implements AutoCloseable, BeforeEachCallback, AfterAllCallback {

  private final HttpServer server;
  private final List<RecordedRequest> requests = new ArrayList<>();
  private final Map<String, Queue<Reply>> scripts = new HashMap<>();
  private final AtomicInteger inFlight = new AtomicInteger();
  private final AtomicInteger maxInFlight = new AtomicInteger();
  private Reply defaultReply = Reply.success();

  public FakeWorker() {
    try {
      server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 200);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    server.setExecutor(Executors.newVirtualThreadPerTaskExecutor());
    server.createContext("/", this::handle);
    server.start();
  }

  /** The absolute URL of {@code path} (which starts with a slash) on this worker. */
  public String url(String path) {
    return "http://127.0.0.1:" + port() + path;
  }

  public int port() {
    return server.getAddress().getPort();
  }

  /** Answers the next requests to {@code path} with these replies, in order, then the default. */
  public synchronized FakeWorker script(String path, Reply... replies) {
    scripts.computeIfAbsent(path, p -> new ArrayDeque<>()).addAll(List.of(replies));
    return this;
  }

  /** The reply for requests that no script covers; {@link Reply#success()} unless set. */
  public synchronized FakeWorker defaultReply(Reply reply) {
    this.defaultReply = reply;
    return this;
  }

  public synchronized List<RecordedRequest> requests() {
    return List.copyOf(requests);
  }

  public synchronized List<RecordedRequest> requests(String path) {
    return requests.stream().filter(request -> request.path().equals(path)).toList();
  }

  /** Requests being answered right now. */
  public int inFlight() {
    return inFlight.get();
  }

  /** The most requests that were ever being answered at once since the last reset. */
  public int maxInFlight() {
    return maxInFlight.get();
  }

  /** Forgets requests and scripts and restores the default reply. */
  public synchronized void reset() {
    requests.clear();
    scripts.clear();
    defaultReply = Reply.success();
    maxInFlight.set(inFlight.get());
  }

  @Override
  public void beforeEach(ExtensionContext context) {
    reset();
  }

  @Override
  public void afterAll(ExtensionContext context) {
    close();
  }

  @Override
  public void close() {
    server.stop(0);
  }

  private void handle(HttpExchange exchange) throws IOException {
    int now = inFlight.incrementAndGet();
    maxInFlight.accumulateAndGet(now, Math::max);
    try {
      byte[] body = exchange.getRequestBody().readAllBytes();
      Reply reply = record(new RecordedRequest(exchange.getRequestMethod(),
          exchange.getRequestURI().getPath(), Map.copyOf(exchange.getRequestHeaders()), body,
          Instant.now(), System.nanoTime(), exchange.getRemoteAddress().getPort()));
      reply.send(exchange);
    } finally {
      inFlight.decrementAndGet();
      exchange.close();
    }
  }

  private synchronized Reply record(RecordedRequest request) {
    requests.add(request);
    Queue<Reply> script = scripts.get(request.path());
    Reply scripted = script == null ? null : script.poll();
    return scripted != null ? scripted : defaultReply;
  }
}
