package dev.middleman.core.model;

import dev.middleman.core.InvalidRequestException;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * A queue and its dispatcher settings.
 *
 * @param pollingInterval milliseconds between polls for ready jobs
 * @param maxWorkers jobs in flight at once
 * @param throttle dispatch rate limit, or {@code null} for none
 */
public record QueueDefinition(String name, long pollingInterval, int maxWorkers, Throttle throttle) {

  /**
   * A minute. A dispatcher notices a lost lease between polls, and a backup cannot take over a
   * queue until the node that lost it has noticed and let go, so longer intervals would stretch
   * handovers.
   */
  public static final long MAX_POLLING_INTERVAL = 60_000;

  private static final Pattern VALID_NAME = Pattern.compile("[A-Za-z0-9_.-]{1,64}");
  /** With a throttle the dispatcher polls at this pace so that tokens are used as they come. */
  static final long THROTTLED_POLLING_INTERVAL = 100;

  public QueueDefinition {
    requireValidName(name);
    if (pollingInterval <= 0 || pollingInterval > MAX_POLLING_INTERVAL) {
      throw new InvalidRequestException("polling_interval",
          "must be 1 to " + MAX_POLLING_INTERVAL + " ms, got " + pollingInterval);
    }
    if (maxWorkers <= 0) {
      throw new InvalidRequestException("max_workers", "must be positive, got " + maxWorkers);
    }
  }

  public static void requireValidName(String name) {
    if (name == null || !VALID_NAME.matcher(name).matches()) {
      throw new InvalidRequestException(
          "name", "must be 1 to 64 characters of A-Z a-z 0-9 _ . -, got '" + name + "'");
    }
  }

  public Optional<Throttle> throttleIfAny() {
    return Optional.ofNullable(throttle);
  }

  /** The interval the dispatcher really polls at. */
  public long effectivePollingInterval() {
    return throttle == null ? pollingInterval : THROTTLED_POLLING_INTERVAL;
  }
}
