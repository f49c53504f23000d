package dev.middleman.core.stats;

import dev.middleman.core.JobListener;
import dev.middleman.core.model.Job;
import dev.middleman.core.model.WorkerResult;
import java.time.Clock;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Counts pushes, dispatches and outcomes per queue. Counters live as long as the node and are
 * never reset by definition changes, so a re-created queue keeps counting where it was.
 */
public final class StatsRecorder implements JobListener {

  private final Clock clock;
  private final Map<String, QueueCounters> queues = new ConcurrentHashMap<>();

  public StatsRecorder(Clock clock) {
    this.clock = clock;
  }

  @Override
  public void pushed(Job job) {
    QueueCounters counters = counters(job.queue());
    counters.pushes.increment();
    counters.pushRate.record();
  }

  @Override
  public void dispatched(Job job) {
    QueueCounters counters = counters(job.queue());
    counters.pops.increment();
    counters.popRate.record();
  }

  @Override
  public void finished(Job job, WorkerResult result, Outcome outcome, long elapsedMillis) {
    QueueCounters counters = counters(job.queue());
    switch (outcome) {
      case SUCCEEDED -> counters.successes.increment();
      case RETRIED -> counters.failures.increment();
      case FAILED_PERMANENTLY -> counters.permanentFailures.increment();
      case RETRIES_EXHAUSTED -> {
        counters.failures.increment();
        counters.permanentFailures.increment();
      }
    }
    if (outcome.isFinal()) {
      counters.completes.increment();
      counters.elapsedMillis.add(elapsedMillis);
    }
  }

  /**
   * @param outstandingJobs jobs stored in the queue now
   * @param maxWorkers the queue's worker count
   * @param inFlight jobs this node is running for it
   * @param active whether some node is primary for it
   */
  public QueueStats snapshot(
      String queue, long outstandingJobs, int maxWorkers, int inFlight, boolean active) {
    QueueCounters counters = counters(queue);
    return new QueueStats(
        counters.pushes.sum(),
        counters.pops.sum(),
        counters.successes.sum(),
        counters.failures.sum(),
        counters.permanentFailures.sum(),
        counters.completes.sum(),
        counters.elapsedMillis.sum(),
        counters.pushRate.lastSecond(),
        counters.popRate.lastSecond(),
        outstandingJobs,
        maxWorkers,
        Math.max(0, maxWorkers - inFlight),
        active ? 1 : 0);
  }

  private QueueCounters counters(String queue) {
    return queues.computeIfAbsent(queue, name -> new QueueCounters(clock));
  }
}
