package dev.middleman.http;

import dev.middleman.core.Middleman;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.net.InetSocketAddress;
import java.nio.channels.ServerSocketChannel;
import java.time.Duration;
import java.util.Map;
import java.util.function.Supplier;

/**
 * The REST API of one Middleman node on Undertow. CONTRACT STUB: the HTTP module fills it in.
 */
public final class ApiServer implements AutoCloseable {

  public static Builder builder(Middleman middleman) {
    throw new UnsupportedOperationException("not yet");
  }

  /** Binds the address and starts serving. */
  public void start(InetSocketAddress bind) {
    throw new UnsupportedOperationException("not yet");
  }

  /** Serves on a listening socket handed over by a parent process (Server::Starter). */
  public void start(ServerSocketChannel inherited) {
    throw new UnsupportedOperationException("not yet");
  }

  /** The address actually listened on (useful with port 0). */
  public InetSocketAddress address() {
    throw new UnsupportedOperationException("not yet");
  }

  /**
   * Stops accepting new requests and waits until the ones accepted have been answered.
   *
   * @return whether all were answered within the timeout
   */
  public boolean shutdown(Duration timeout) {
    throw new UnsupportedOperationException("not yet");
  }

  @Override
  public void close() {
    throw new UnsupportedOperationException("not yet");
  }

  public static final class Builder {
    /** Bytes accepted in one request body; larger gets 413. */
    public Builder maxBodySize(long bytes) {
      throw new UnsupportedOperationException("not yet");
    }

    /** Whether client connections are kept alive between requests. */
    public Builder keepAlive(boolean keepAlive) {
      throw new UnsupportedOperationException("not yet");
    }

    /** The effective configuration that {@code GET /settings} shows, secrets already masked. */
    public Builder settings(Supplier<Map<String, Object>> settings) {
      throw new UnsupportedOperationException("not yet");
    }

    /** Hears every answered request. */
    public Builder accessLog(AccessLog accessLog) {
      throw new UnsupportedOperationException("not yet");
    }

    /** The registry {@code GET /metrics} scrapes. */
    public Builder metrics(PrometheusMeterRegistry registry) {
      throw new UnsupportedOperationException("not yet");
    }

    public ApiServer build() {
      throw new UnsupportedOperationException("not yet");
    }
  }
}
