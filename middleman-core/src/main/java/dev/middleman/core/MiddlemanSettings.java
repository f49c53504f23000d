package dev.middleman.core;

import java.time.Duration;
import java.util.Optional;

/**
 * What a Middleman instance needs to know, validated once.
 *
 * @param defaultQueue the queue for categories that have no routing, or {@code null}
 * @param defaultPollingInterval milliseconds, for queues defined without one
 * @param defaultMaxWorkers for queues defined without one
 * @param configRefreshInterval how often to look for definitions changed by other nodes
 * @param shutdownTimeout how long a graceful stop waits for jobs in flight
 */
public record MiddlemanSettings(
    String defaultQueue,
    long defaultPollingInterval,
    int defaultMaxWorkers,
    Duration configRefreshInterval,
    Duration shutdownTimeout,
    DispatchSettings dispatch) {

  public static final long DEFAULT_POLLING_INTERVAL = 200;
  public static final int DEFAULT_MAX_WORKERS = 20;

  public MiddlemanSettings {
    if (defaultQueue != null) {
      dev.middleman.core.model.QueueDefinition.requireValidName(defaultQueue);
    }
    requirePositive("queue default polling interval", defaultPollingInterval);
    requirePositive("queue default max workers", defaultMaxWorkers);
    requirePositive("config refresh interval", configRefreshInterval.toMillis());
    if (shutdownTimeout.isNegative()) {
      throw new IllegalArgumentException("shutdown timeout must not be negative");
    }
  }

  public static MiddlemanSettings defaults() {
    return new MiddlemanSettings(
        null,
        DEFAULT_POLLING_INTERVAL,
        DEFAULT_MAX_WORKERS,
        Duration.ofSeconds(1),
        Duration.ofSeconds(30),
        DispatchSettings.defaults());
  }

  public Optional<String> defaultQueueIfAny() {
    return Optional.ofNullable(defaultQueue);
  }

  public MiddlemanSettings withDefaultQueue(String queue) {
    return new MiddlemanSettings(queue, defaultPollingInterval, defaultMaxWorkers,
        configRefreshInterval, shutdownTimeout, dispatch);
  }

  public MiddlemanSettings withShutdownTimeout(Duration timeout) {
    return new MiddlemanSettings(defaultQueue, defaultPollingInterval, defaultMaxWorkers,
        configRefreshInterval, timeout, dispatch);
  }

  private static void requirePositive(String what, long value) {
    if (value <= 0) {
      throw new IllegalArgumentException(what + " must be positive, got " + value);
    }
  }
}
