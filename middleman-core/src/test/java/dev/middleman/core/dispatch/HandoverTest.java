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
import dev.middleman.core.model.WorkerResult;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Two nodes on one store: how a queue passes from a primary that lost its lease to a backup. */
class HandoverTest {

  private static final String URL = "http://127.0.0.1:9/worker";
  private static final Duration HANDOVER_TIMEOUT = Duration.ofSeconds(5);

  private final SettableClock clock = new SettableClock(1_700_000_000_000L);
  private final ScriptedElection election = new ScriptedElection();
  private final SharedStorage storage = new SharedStorage(new InMemoryStorage(), election);
  private final ScriptedWorker workerOfA = new ScriptedWorker();
  private final ScriptedWorker workerOfB = new ScriptedWorker();
  private final AtomicBoolean callsOverlapped = new AtomicBoolean();
  private final List<Job> finished = new CopyOnWriteArrayList<>();
  private final Middleman nodeA = node(workerOfA);
  private final Middleman nodeB = node(job -> {
    if (workerOfA.inFlight() > 0) {
      callsOverlapped.set(true);
    }
    return workerOfB.call(job);
  });

  @AfterEach
  void stopNodes() {
    workerOfA.release();
    workerOfB.release();
    nodeA.stop();
    nodeB.stop();
  }

  @Test
  void a_node_that_lost_its_lease_finishes_its_calls_before_another_node_dispatches_the_queue() {
    List<Job> pushed = primaryAWithCallsInFlight(4, 2);
    nodeB.start();

    election.cut("q");
    election.shutOut(nodeA.nodeId());

    await().until(() -> !nodeA.isPrimary("q"));
    await().during(Duration.ofMillis(1500)).atMost(Duration.ofSeconds(3))
        .until(() -> workerOfB.calls().isEmpty() && workerOfA.calls().size() == 2);
    workerOfA.release();
    await().atMost(Duration.ofSeconds(5)).until(() -> finished.size() == 4);
    assertThat(callsOverlapped).isFalse();
    assertThat(workerOfB.calls()).extracting(Job::id)
        .containsExactlyInAnyOrderElementsOf(ids(pushed.subList(2, 4)));
    assertThat(finished).extracting(Job::id).doesNotHaveDuplicates();
  }

  @Test
  void a_node_whose_calls_outlast_the_handover_timeout_hands_the_queue_over_anyway() {
    List<Job> pushed = primaryAWithCallsInFlight(1, 1);
    nodeB.start();
    election.cut("q");
    election.shutOut(nodeA.nodeId());
    await().during(Duration.ofMillis(1500)).atMost(Duration.ofSeconds(3))
        .until(() -> workerOfB.calls().isEmpty());

    clock.advance(HANDOVER_TIMEOUT);

    await().atMost(Duration.ofSeconds(5)).until(() -> workerOfB.calls().size() == 1);
    assertThat(workerOfB.calls().getFirst().id()).isEqualTo(pushed.getFirst().id());
  }

  @Test
  void a_backup_takes_over_at_once_from_a_primary_that_is_gone_and_sends_its_jobs_again() {
    List<Job> pushed = primaryAWithCallsInFlight(1, 1);
    nodeB.start();

    election.gone("q");

    await().atMost(Duration.ofSeconds(3)).until(() -> workerOfB.calls().size() == 1);
    assertThat(workerOfB.calls().getFirst().id()).isEqualTo(pushed.getFirst().id());
    assertThat(nodeB.isPrimary("q")).isTrue();
  }

  @Test
  void a_node_that_lost_its_lease_with_nothing_in_flight_gives_the_queue_up_at_once() {
    nodeA.start();
    nodeA.putQueue(new QueueDefinition("q", 10, 2, null));
    await().until(() -> nodeA.isPrimary("q"));
    election.shutOut(nodeA.nodeId());

    election.cut("q");

    await().atMost(Duration.ofMillis(1500)).until(() -> election.isFree("q"));
  }

  @Test
  void a_node_that_lost_its_lease_competes_again_once_it_has_released_it() {
    List<Job> pushed = primaryAWithCallsInFlight(3, 1);

    election.cut("q");
    workerOfA.release();

    await().atMost(Duration.ofSeconds(5)).until(() -> finished.size() == 3);
    assertThat(nodeA.isPrimary("q")).isTrue();
    assertThat(finished).extracting(Job::id).containsExactlyInAnyOrderElementsOf(ids(pushed));
  }

  /** Node A, primary for q, with {@code pushes} jobs of which {@code running} are at its worker. */
  private List<Job> primaryAWithCallsInFlight(int pushes, int running) {
    nodeA.start();
    nodeA.putQueue(new QueueDefinition("q", 10, running, null));
    await().until(() -> nodeA.isPrimary("q"));
    workerOfA.hold();
    List<Job> pushed = IntStream.range(0, pushes)
        .mapToObj(i -> nodeA.push(NewJob.of("c", URL, "{\"n\":" + i + "}")))
        .toList();
    await().until(() -> workerOfA.inFlight() == running);
    return pushed;
  }

  private Middleman node(WorkerClient worker) {
    return Middleman.builder(storage)
        .settings(MiddlemanSettings.defaults().withDefaultQueue("q")
            .withShutdownTimeout(HANDOVER_TIMEOUT))
        .clock(clock)
        .workerClient(worker)
        .listener(new JobListener() {
          @Override
          public void finished(Job job, WorkerResult result, Outcome outcome, long elapsed) {
            finished.add(job);
          }
        })
        .build();
  }

  private static List<Long> ids(List<Job> jobs) {
    return jobs.stream().map(Job::id).toList();
  }
}
