package dev.middleman.core.stats;

import java.time.Clock;

/** Counts events per wall-clock second and reports the last complete second. */
final class PerSecondRate {

  private final Clock clock;
  private long currentSecond;
  private long currentCount;
  private long previousCount;

  PerSecondRate(Clock clock) {
    this.clock = clock;
    this.currentSecond = second();
  }

  synchronized void record() {
    roll();
    currentCount++;
  }

  synchronized long lastSecond() {
    roll();
    return previousCount;
  }

  private void roll() {
    long now = second();
    if (now == currentSecond) {
      return;
    }
    previousCount = now == currentSecond + 1 ? currentCount : 0;
    currentCount = 0;
    currentSecond = now;
  }

  private long second() {
    return clock.millis() / 1000;
  }
}
