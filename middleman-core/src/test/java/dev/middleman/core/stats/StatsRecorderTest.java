package dev.middleman.core.stats;

import static org.assertj.core.api.Assertions.assertThat;

import dev.middleman.core.JobListener.Outcome;
import dev.middleman.core.SettableClock;
import dev.middleman.core.model.Job;
import dev.middleman.core.model.NewJob;
import dev.middleman.core.model.WorkerResult;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class StatsRecorderTest {

  private final SettableClock clock = new SettableClock(1_700_000_000_000L);
  private final StatsRecorder recorder = new StatsRecorder(clock);
  private final Job job = Job.fresh("q", 1, NewJob.of("c", "http://localhost/w", null), 0);
  private final WorkerResult result = new WorkerResult("failure", 500, "");

  @Test
  void counts_outcomes_as_fireworq_does() {
    recorder.finished(job, result, Outcome.SUCCEEDED, 10);
    recorder.finished(job, result, Outcome.RETRIED, 20);
    recorder.finished(job, result, Outcome.FAILED_PERMANENTLY, 30);
    recorder.finished(job, result, Outcome.RETRIES_EXHAUSTED, 40);

    QueueStats stats = recorder.snapshot("q", 0, 20, 0, true);

    assertThat(stats.totalSuccesses()).isEqualTo(1);
    assertThat(stats.totalFailures()).isEqualTo(2);
    assertThat(stats.totalPermanentFailures()).isEqualTo(2);
    assertThat(stats.totalCompletes()).isEqualTo(3);
    assertThat(stats.totalElapsed()).isEqualTo(80);
  }

  @Test
  void reports_pushes_and_pops_of_the_last_whole_second() {
    recorder.pushed(job);
    recorder.pushed(job);
    recorder.dispatched(job);
    assertThat(recorder.snapshot("q", 0, 1, 0, true).pushesPerSecond()).isZero();

    clock.advance(Duration.ofSeconds(1));
    QueueStats nextSecond = recorder.snapshot("q", 0, 1, 0, true);
    assertThat(nextSecond.pushesPerSecond()).isEqualTo(2);
    assertThat(nextSecond.popsPerSecond()).isEqualTo(1);
    assertThat(nextSecond.totalPushes()).isEqualTo(2);

    clock.advance(Duration.ofSeconds(5));
    assertThat(recorder.snapshot("q", 0, 1, 0, true).pushesPerSecond()).isZero();
  }

  @Test
  void workers_and_nodes_come_from_the_queue_state() {
    QueueStats stats = recorder.snapshot("q", 7, 20, 3, false);

    assertThat(stats.outstandingJobs()).isEqualTo(7);
    assertThat(stats.totalWorkers()).isEqualTo(20);
    assertThat(stats.idleWorkers()).isEqualTo(17);
    assertThat(stats.activeNodes()).isZero();
  }
}
