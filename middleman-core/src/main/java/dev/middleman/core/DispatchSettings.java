package dev.middleman.core;

import java.time.Duration;

/**
 * How the dispatcher talks to workers.
 *
 * @param keepAlive whether connections to workers are reused
 * @param maxConnsPerHost idle connections kept open per worker host
 * @param idleConnTimeout how long an idle connection is kept; zero keeps it until the worker closes
 * @param userAgent the {@code User-Agent} header of every worker call
 */
public record DispatchSettings(
    boolean keepAlive, int maxConnsPerHost, Duration idleConnTimeout, String userAgent) {

  public DispatchSettings {
    if (maxConnsPerHost < 0) {
      throw new IllegalArgumentException("max conns per host must not be negative");
    }
    if (idleConnTimeout.isNegative()) {
      throw new IllegalArgumentException("idle conn timeout must not be negative");
    }
    if (userAgent == null || userAgent.isBlank()) {
      throw new IllegalArgumentException("user agent must not be blank");
    }
  }

  public static DispatchSettings defaults() {
    return new DispatchSettings(false, 10, Duration.ZERO, "Middleman/" + Version.current());
  }
}
