package dev.middleman.core.model;

import dev.middleman.core.InvalidRequestException;

/** A token bucket: {@code maxDispatchesPerSecond} tokens a second, at most {@code maxBurstSize} saved up. */
public record Throttle(double maxDispatchesPerSecond, int maxBurstSize) {

  public Throttle {
    if (!(maxDispatchesPerSecond > 0) || Double.isInfinite(maxDispatchesPerSecond)) {
      throw new InvalidRequestException(
          "max_dispatches_per_second", "must be a positive number, got " + maxDispatchesPerSecond);
    }
    if (maxBurstSize <= 0) {
      throw new InvalidRequestException("max_burst_size", "must be positive, got " + maxBurstSize);
    }
  }
}
