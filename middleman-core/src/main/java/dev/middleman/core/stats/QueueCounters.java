package dev.middleman.core.stats;

import java.time.Clock;
import java.util.concurrent.atomic.LongAdder;

/** The running totals of one queue on this node. */
final class QueueCounters {

  final LongAdder pushes = new LongAdder();
  final LongAdder pops = new LongAdder();
  final LongAdder successes = new LongAdder();
  final LongAdder failures = new LongAdder();
  final LongAdder permanentFailures = new LongAdder();
  final LongAdder completes = new LongAdder();
  final LongAdder elapsedMillis = new LongAdder();
  final PerSecondRate pushRate;
  final PerSecondRate popRate;

  QueueCounters(Clock clock) {
    this.pushRate = new PerSecondRate(clock);
    this.popRate = new PerSecondRate(clock);
  }
}
