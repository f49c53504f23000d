package dev.middleman.http;

import dev.middleman.core.Middleman;
import io.micrometer.core.instrument.Timer;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.undertow.server.HttpHandler;
import io.undertow.server.handlers.GracefulShutdownHandler;
import io.undertow.server.handlers.HttpContinueReadHandler;
import java.net.InetSocketAddress;
import java.nio.channels.ServerSocketChannel;
import java.time.Clock;
import java.time.Duration;
import java.time.ZoneId;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Supplier;

/**
 * The REST API of one Middleman node on Undertow.
 *
 * <p>Requests pass, outermost first: the access log, the keep-alive policy, the graceful-shutdown
 * counter, the {@code Expect: 100-continue} answer, then {@link ApiHandler}, which routes, reads
 * the body without blocking an IO thread and runs the endpoint on a virtual thread.
 */
public final class ApiServer implements AutoCloseable {

  /** Bytes accepted in one request body unless configured: 16 MiB. */
  public static final long DEFAULT_MAX_BODY_SIZE = 16L * 1024 * 1024;

  /**
   * How long a shutdown keeps serving connections it has already accepted, so that a request sent
   * on one just before the listening socket closed is still answered rather than cut off. Idle
   * keep-alive connections would hold it up to this bound.
   */
  private static final Duration CONNECTION_DRAIN_GRACE = Duration.ofSeconds(1);
  private static final long DRAIN_POLL_MILLIS = 10;

  private final GracefulShutdownHandler graceful;
  private final ConnectionPolicy connectionPolicy;
  private final HttpHandler root;
  private final ExecutorService workers;
  private final JvmMeters jvmMeters;
  private final ConnectionTimeouts timeouts;
  private XnioHttpServer server;

  private ApiServer(Builder builder) {
    // checked first, before anything is started or bound to the registry
    this.timeouts = new ConnectionTimeouts(builder.idleTimeout, builder.requestParseTimeout);
    this.workers = Executors.newThreadPerTaskExecutor(
        Thread.ofVirtual().name("middleman-api-", 0).factory());
    this.jvmMeters = new JvmMeters(builder.metrics);
    Timer pushLatency = Timer.builder("middleman.push")
        .description("Time to store pushed jobs, from a read body to the answer")
        .publishPercentileHistogram()
        .register(builder.metrics);
    QueueEndpoints queues = new QueueEndpoints(builder.middleman);
    Router router = ApiRoutes.table(
        new JobEndpoints(builder.middleman),
        queues,
        new RoutingEndpoints(builder.middleman),
        new InspectionEndpoints(builder.middleman, queues, builder.clock, builder.zone),
        new ServiceEndpoints(builder.middleman, builder.settings, new RuntimeStats(builder.clock),
            builder.metrics),
        pushLatency);
    // the first read of a body answers "Expect: 100-continue", which clients such as curl send
    this.graceful = new GracefulShutdownHandler(
        new HttpContinueReadHandler(new ApiHandler(router, workers, builder.maxBodySize)));
    this.connectionPolicy = new ConnectionPolicy(builder.keepAlive, graceful);
    this.root = new AccessLogHandler(builder.accessLog, connectionPolicy);
  }

  public static Builder builder(Middleman middleman) {
    return new Builder(middleman);
  }

  /** Binds the address and starts serving. */
  public synchronized void start(InetSocketAddress bind) {
    requireNotStarted();
    server = XnioHttpServer.bind(bind, root, timeouts);
  }

  /** Serves on a listening socket handed over by a parent process (Server::Starter). */
  public synchronized void start(ServerSocketChannel inherited) {
    requireNotStarted();
    server = XnioHttpServer.inherit(inherited, root, timeouts);
  }

  /** The address actually listened on (useful with port 0). */
  public synchronized InetSocketAddress address() {
    if (server == null) {
      throw new IllegalStateException("not started");
    }
    return server.address();
  }

  /**
   * Stops accepting connections, answers the requests that arrive on connections already accepted
   * (each answer closing its connection) for a short grace, then refuses new requests and waits
   * until the ones in progress have been answered. Under Server::Starter the listening socket stays
   * open in the new daemon, so no client is turned away.
   *
   * @return whether all were answered within the timeout
   */
  public boolean shutdown(Duration timeout) {
    long deadline = System.nanoTime() + timeout.toNanos();
    XnioHttpServer running;
    synchronized (this) {
      running = server;
    }
    try {
      if (running != null) {
        running.stopAccepting();
        connectionPolicy.drain();
        awaitConnectionsClosed(running, Math.min(deadline,
            System.nanoTime() + CONNECTION_DRAIN_GRACE.toNanos()));
      }
      graceful.shutdown();
      long remainingMillis = Math.max(0, (deadline - System.nanoTime()) / 1_000_000);
      return graceful.awaitShutdown(remainingMillis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    }
  }

  private static void awaitConnectionsClosed(XnioHttpServer running, long deadline)
      throws InterruptedException {
    while (running.openConnections() > 0 && System.nanoTime() < deadline) {
      Thread.sleep(DRAIN_POLL_MILLIS);
    }
  }

  /** Stops at once: open connections are closed, requests in progress are cut off. */
  @Override
  public synchronized void close() {
    graceful.shutdown();
    if (server != null) {
      server.close();
    }
    workers.shutdownNow();
    jvmMeters.close();
  }

  private void requireNotStarted() {
    if (server != null) {
      throw new IllegalStateException("already started");
    }
  }

  public static final class Builder {
    private final Middleman middleman;
    private long maxBodySize = DEFAULT_MAX_BODY_SIZE;
    private boolean keepAlive;
    private Supplier<Map<String, Object>> settings = Map::of;
    private AccessLog accessLog = AccessLog.NONE;
    private PrometheusMeterRegistry metrics;
    private Clock clock = Clock.systemUTC();
    private ZoneId zone = ZoneId.systemDefault();
    private Duration idleTimeout = ConnectionTimeouts.DEFAULT.idle();
    private Duration requestParseTimeout = ConnectionTimeouts.DEFAULT.requestParse();

    private Builder(Middleman middleman) {
      this.middleman = Objects.requireNonNull(middleman, "middleman");
    }

    /** Bytes accepted in one request body; larger gets 413. */
    public Builder maxBodySize(long bytes) {
      if (bytes <= 0) {
        throw new IllegalArgumentException("max body size must be positive, got " + bytes);
      }
      this.maxBodySize = bytes;
      return this;
    }

    /** Whether client connections are kept alive between requests. */
    public Builder keepAlive(boolean keepAlive) {
      this.keepAlive = keepAlive;
      return this;
    }

    /** The effective configuration that {@code GET /settings} shows, secrets already masked. */
    public Builder settings(Supplier<Map<String, Object>> settings) {
      this.settings = Objects.requireNonNull(settings, "settings");
      return this;
    }

    /** Hears every answered request. */
    public Builder accessLog(AccessLog accessLog) {
      this.accessLog = Objects.requireNonNull(accessLog, "accessLog");
      return this;
    }

    /**
     * The registry {@code GET /metrics} scrapes. The server adds the JVM's meters and the push
     * latency to it; by default it has a registry of its own.
     */
    public Builder metrics(PrometheusMeterRegistry registry) {
      this.metrics = Objects.requireNonNull(registry, "registry");
      return this;
    }

    /** The clock that tells waiting from deferred jobs; the system clock by default. */
    public Builder clock(Clock clock) {
      this.clock = Objects.requireNonNull(clock, "clock");
      return this;
    }

    /** The time zone of times in inspection answers; the system's by default. */
    public Builder zone(ZoneId zone) {
      this.zone = Objects.requireNonNull(zone, "zone");
      return this;
    }

    /**
     * How long a connection may go without a byte from the client, or without taking a byte of the
     * answer, before it is closed: idle between requests, or stalled inside one (a body shorter than
     * its {@code Content-Length}). 60 seconds by default. An endpoint waiting on storage does not
     * count, since no read is pending then.
     */
    public Builder idleTimeout(Duration timeout) {
      this.idleTimeout = Objects.requireNonNull(timeout, "timeout");
      return this;
    }

    /**
     * How long the request line and headers may take to arrive in full, even when each byte comes
     * before the idle timeout; 60 seconds by default.
     */
    public Builder requestParseTimeout(Duration timeout) {
      this.requestParseTimeout = Objects.requireNonNull(timeout, "timeout");
      return this;
    }

    public ApiServer build() {
      if (metrics == null) {
        metrics = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
      }
      return new ApiServer(this);
    }
  }
}
