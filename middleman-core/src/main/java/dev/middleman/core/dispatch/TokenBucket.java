package dev.middleman.core.dispatch;

import dev.middleman.core.model.Throttle;
import java.time.Clock;

/** Dispatch tokens: refilled at a steady rate, saved up to the burst size. Not thread-safe. */
final class TokenBucket {

  private final double tokensPerMilli;
  private final int capacity;
  private final Clock clock;
  private double tokens;
  private long refilledAt;

  TokenBucket(Throttle throttle, Clock clock) {
    this.tokensPerMilli = throttle.maxDispatchesPerSecond() / 1000.0;
    this.capacity = throttle.maxBurstSize();
    this.clock = clock;
    this.tokens = capacity;
    this.refilledAt = clock.millis();
  }

  /** Whole tokens there are now. */
  int available() {
    refill();
    return (int) Math.floor(tokens);
  }

  void take(int count) {
    tokens -= count;
  }

  /** Milliseconds until at least one whole token is there. */
  long millisUntilNextToken() {
    refill();
    if (tokens >= 1) {
      return 0;
    }
    return (long) Math.ceil((1 - tokens) / tokensPerMilli);
  }

  private void refill() {
    long now = clock.millis();
    tokens = Math.min(capacity, tokens + (now - refilledAt) * tokensPerMilli);
    refilledAt = now;
  }
}
