package dev.middleman.core.dispatch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.middleman.core.JobListener;
import dev.middleman.core.Middleman;
import dev.middleman.core.MiddlemanSettings;
import dev.middleman.core.SettableClock;
import dev.middleman.core.memory.InMemoryStorage;
import dev.middleman.core.model.Job;
import dev.middleman.core.model.NewJob;
import dev.middleman.core.model.QueueDefinition;
import dev.middleman.core.model.Routing;
import dev.middleman.core.model.Throttle;
import dev.middleman.core.model.WorkerResult;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class DispatcherTest {

  private static final String URL = "http://127.0.0.1:9/worker";
  private static final long FAST_POLL = 10;
  private static final long NEVER_POLL = QueueDefinition.MAX_POLLING_INTERVAL;

  private final SettableClock clock = new SettableClock(1_700_000_000_000L);
  private final ScriptedWorker worker = new ScriptedWorker();
  private final List<Finished> finished = new CopyOnWriteArrayList<>();
  private final Middleman middleman =
      Middleman.builder(new InMemoryStorage())
          .settings(MiddlemanSettings.defaults().withDefaultQueue("q"))
          .clock(clock)
          .workerClient(worker)
          .listener(new JobListener() {
            @Override
            public void finished(Job job, WorkerResult result, Outcome outcome, long elapsed) {
              finished.add(new Finished(job, result, outcome));
            }
          })
          .build();

  @AfterEach
  void stop() {
    worker.release();
    middleman.stop();
  }

  @Test
  void dispatches_a_pushed_job_at_once_without_waiting_for_the_next_poll() {
    startWithQueue(new QueueDefinition("q", NEVER_POLL, 5, null));
    await().until(() -> middleman.isPrimary("q"));

    middleman.push(NewJob.of("c", URL, "{\"n\":1}"));

    await().atMost(Duration.ofSeconds(5)).until(() -> worker.calls().size() == 1);
    assertThat(worker.calls().getFirst().payload()).isEqualTo("{\"n\":1}");
  }

  @Test
  void never_has_more_than_max_workers_jobs_in_flight() {
    startWithQueue(new QueueDefinition("q", FAST_POLL, 3, null));
    worker.hold();

    IntStream.range(0, 10).forEach(i -> middleman.push(NewJob.of("c", URL, null)));

    await().until(() -> worker.inFlight() == 3);
    await().during(Duration.ofMillis(200)).until(() -> worker.calls().size() == 3);
    worker.release();
    await().until(() -> finished.size() == 10);
    assertThat(worker.maxInFlight()).isEqualTo(3);
  }

  @Test
  void a_delayed_job_waits_for_its_run_after() {
    startWithQueue(new QueueDefinition("q", FAST_POLL, 5, null));

    middleman.push(new NewJob("c", URL, null, 30, 0, 0, 0));

    await().during(Duration.ofMillis(200)).until(() -> worker.calls().isEmpty());
    clock.advance(Duration.ofSeconds(30));
    await().until(() -> worker.calls().size() == 1);
  }

  @Test
  void retries_a_failed_job_after_its_retry_delay_until_retries_run_out() {
    startWithQueue(new QueueDefinition("q", FAST_POLL, 5, null));
    worker.answerAlways(new WorkerResult("failure", 500, "nope"));

    middleman.push(new NewJob("c", URL, null, 0, 2, 10, 0));

    await().until(() -> worker.calls().size() == 1);
    await().during(Duration.ofMillis(200)).until(() -> worker.calls().size() == 1);
    clock.advance(Duration.ofSeconds(10));
    await().until(() -> worker.calls().size() == 2);
    clock.advance(Duration.ofSeconds(10));
    await().until(() -> finished.size() == 3);

    assertThat(finished).extracting(Finished::outcome).containsExactly(
        JobListener.Outcome.RETRIED, JobListener.Outcome.RETRIED,
        JobListener.Outcome.RETRIES_EXHAUSTED);
    assertThat(worker.calls()).extracting(Job::retryCount).containsExactly(2, 1, 0);
    assertThat(middleman.countJobs("q")).isZero();
  }

  @Test
  void a_permanent_failure_is_not_retried() {
    startWithQueue(new QueueDefinition("q", FAST_POLL, 5, null));
    worker.answer(new WorkerResult("permanent-failure", 200, "bad"));

    middleman.push(new NewJob("c", URL, null, 0, 5, 0, 0));

    await().until(() -> finished.size() == 1);
    assertThat(finished.getFirst().outcome()).isEqualTo(JobListener.Outcome.FAILED_PERMANENTLY);
    await().during(Duration.ofMillis(200)).until(() -> worker.calls().size() == 1);
  }

  @Test
  void a_throttled_queue_dispatches_a_burst_then_one_job_per_token() {
    startWithQueue(new QueueDefinition("q", FAST_POLL, 10, new Throttle(10, 2)));

    IntStream.range(0, 5).forEach(i -> middleman.push(NewJob.of("c", URL, null)));

    await().until(() -> worker.calls().size() == 2);
    await().during(Duration.ofMillis(300)).until(() -> worker.calls().size() == 2);
    clock.advance(Duration.ofMillis(100));
    await().until(() -> worker.calls().size() == 3);
    await().during(Duration.ofMillis(300)).until(() -> worker.calls().size() == 3);
    clock.advance(Duration.ofSeconds(1));
    await().until(() -> worker.calls().size() == 5);
  }

  @Test
  void jobs_go_to_the_queue_their_category_is_routed_to() {
    startWithQueue(new QueueDefinition("q", FAST_POLL, 5, null));
    middleman.putQueue(new QueueDefinition("other", FAST_POLL, 5, null));
    middleman.putRouting(new Routing("mail/send", "other"));


    Job routed = middleman.push(NewJob.of("mail/send", URL, null));
    Job unrouted = middleman.push(NewJob.of("misc", URL, null));

    assertThat(routed.queue()).isEqualTo("other");
    assertThat(unrouted.queue()).isEqualTo("q");
  }

  @Test
  void a_deleted_queue_stops_dispatching_and_keeps_its_jobs_until_it_is_defined_again() {
    startWithQueue(new QueueDefinition("q", FAST_POLL, 5, null));
    QueueDefinition other = new QueueDefinition("other", FAST_POLL, 5, null);
    middleman.putQueue(other);
    middleman.putRouting(new Routing("later", "other"));
    middleman.push(new NewJob("later", URL, null, 60, 0, 0, 0));
    middleman.push(new NewJob("later", URL, null, 60, 0, 0, 0));

    middleman.deleteQueue("other");
    await().until(() -> !middleman.isPrimary("other"));
    clock.advance(Duration.ofSeconds(60));

    await().during(Duration.ofMillis(200)).until(() -> worker.calls().isEmpty());
    assertThat(middleman.countJobs("other")).isEqualTo(2);
    middleman.putQueue(other);
    await().until(() -> finished.size() == 2);
  }

  private void startWithQueue(QueueDefinition queue) {
    middleman.start();
    middleman.putQueue(queue);
  }

  private record Finished(Job job, WorkerResult result, JobListener.Outcome outcome) {}
}
