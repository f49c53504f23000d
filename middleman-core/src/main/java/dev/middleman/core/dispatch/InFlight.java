package dev.middleman.core.dispatch;

import java.time.Duration;
import java.time.Instant;

/** Counts jobs in flight and lets a stopping dispatcher wait for the count to reach zero. */
final class InFlight {

  private int count;

  synchronized int count() {
    return count;
  }

  synchronized void increment() {
    count++;
  }

  synchronized void decrement() {
    count--;
    if (count == 0) {
      notifyAll();
    }
  }

  synchronized boolean awaitZero(Instant deadline) throws InterruptedException {
    while (count > 0) {
      long millis = Duration.between(Instant.now(), deadline).toMillis();
      if (millis <= 0) {
        return false;
      }
      wait(millis);
    }
    return true;
  }
}
