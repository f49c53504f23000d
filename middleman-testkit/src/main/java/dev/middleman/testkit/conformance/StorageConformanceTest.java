package dev.middleman.testkit.conformance;

import static org.assertj.core.api.Assertions.assertThat;

import dev.middleman.core.model.Completion;
import dev.middleman.core.model.Job;
import dev.middleman.core.model.JobStatus;
import dev.middleman.core.model.NewJob;
import dev.middleman.core.model.QueueDefinition;
import dev.middleman.core.model.Routing;
import dev.middleman.core.model.Throttle;
import dev.middleman.core.model.WorkerResult;
import dev.middleman.core.spi.DefinitionRepository;
import dev.middleman.core.spi.JobStore;
import dev.middleman.core.spi.JobStore.Enqueue;
import dev.middleman.core.spi.Lease;
import dev.middleman.core.spi.StorageDriver;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The behaviour every storage driver owes the dispatcher. A driver's test class extends this and
 * says how to get a fresh, empty store and what the driver can do.
 */
public abstract class StorageConformanceTest {

  protected static final long NOW = 1_700_000_000_000L;
  private static final String URL = "http://127.0.0.1:9/worker";

  protected StorageDriver storage;
  protected JobStore jobs;
  private final Map<String, Lease> leases = new HashMap<>();

  /** A store holding no jobs and no definitions. */
  protected abstract StorageDriver newEmptyStorage();

  /** What this driver can do; the suite adapts its expectations. */
  protected abstract Capabilities capabilities();

  @BeforeEach
  void openStorage() {
    storage = newEmptyStorage();
    jobs = storage.jobs();
    jobs.prepareQueue("q");
    jobs.prepareQueue("other");
  }

  @AfterEach
  void closeStorage() {
    storage.close();
  }

  // --- push

  @Test
  void push_stores_jobs_with_increasing_ids_and_their_initial_state() {
    List<Job> pushed = jobs.push(List.of(
        new Enqueue("q", new NewJob("mail/send", URL, "{\"to\":\"x\"}", 5, 3, 7, 11)),
        new Enqueue("q", NewJob.of("c", URL, null))), NOW);

    assertThat(pushed).hasSize(2);
    Job first = pushed.get(0);
    assertThat(first.id()).isLessThan(pushed.get(1).id());
    assertThat(first.queue()).isEqualTo("q");
    assertThat(first.category()).isEqualTo("mail/send");
    assertThat(first.url()).isEqualTo(URL);
    assertThat(first.payload()).isEqualTo("{\"to\":\"x\"}");
    assertThat(first.status()).isEqualTo(JobStatus.CLAIMED);
    assertThat(first.createdAt()).isEqualTo(NOW);
    assertThat(first.nextTry()).isEqualTo(NOW + 5_000);
    assertThat(first.retryCount()).isEqualTo(3);
    assertThat(first.maxRetries()).isEqualTo(3);
    assertThat(first.failCount()).isZero();
    assertThat(first.retryDelay()).isEqualTo(7);
    assertThat(first.timeout()).isEqualTo(11);
    assertThat(jobs.countJobs("q")).isEqualTo(2);
  }

  @Test
  void payload_text_comes_back_exactly_as_pushed() {
    String payload = "{\"text\":\"h\\u00e9llo \u2603 \\\"quoted\\\"\",\"n\":[1,2.5,null]}";
    push("q", new NewJob("c", URL, payload, 0, 0, 0, 0));
    push("q", NewJob.of("c", URL, null));
    push("q", NewJob.of("c", URL, "\"just a string\""));

    List<Job> grabbed = jobs.grab("q", 10, NOW, lease("q"));

    assertThat(grabbed).extracting(Job::payload)
        .containsExactly(payload, null, "\"just a string\"");
  }

  @Test
  void queues_keep_their_jobs_apart() {
    push("q", NewJob.of("c", URL, null));
    push("other", NewJob.of("c", URL, null));
    push("other", NewJob.of("c", URL, null));

    assertThat(jobs.countJobs("q")).isEqualTo(1);
    assertThat(jobs.countJobs("other")).isEqualTo(2);
    assertThat(jobs.grab("q", 10, NOW, lease("q"))).hasSize(1);
  }

  // --- grab

  @Test
  void grab_takes_ready_jobs_oldest_next_try_first_up_to_the_limit() {
    Job later = push("q", new NewJob("c", URL, "1", 20, 0, 0, 0));
    Job sooner = push("q", new NewJob("c", URL, "2", 10, 0, 0, 0));
    Job now = push("q", NewJob.of("c", URL, "3"));
    push("q", new NewJob("c", URL, "4", 3600, 0, 0, 0));

    List<Job> grabbed = jobs.grab("q", 3, NOW + 30_000, lease("q"));

    assertThat(grabbed).extracting(Job::id).containsExactly(now.id(), sooner.id(), later.id());
    assertThat(grabbed).allMatch(job -> job.status() == JobStatus.GRABBED);
  }

  @Test
  void grab_does_not_take_jobs_before_their_next_try() {
    push("q", new NewJob("c", URL, null, 10, 0, 0, 0));

    Lease lease = lease("q");
    assertThat(jobs.grab("q", 10, NOW + 9_999, lease)).isEmpty();
    assertThat(jobs.grab("q", 10, NOW + 10_000, lease)).hasSize(1);
  }

  @Test
  void a_grabbed_job_is_not_grabbed_again() {
    push("q", NewJob.of("c", URL, null));
    Lease lease = lease("q");

    assertThat(jobs.grab("q", 10, NOW, lease)).hasSize(1);
    assertThat(jobs.grab("q", 10, NOW, lease)).isEmpty();
    assertThat(jobs.countJobs("q")).isEqualTo(1);
  }

  @Test
  void concurrent_grabs_never_hand_out_one_job_twice() throws Exception {
    int total = 300;
    IntStream.range(0, total).forEach(i -> push("q", NewJob.of("c", URL, String.valueOf(i))));
    Lease lease = lease("q");

    List<Long> grabbedIds = Collections.synchronizedList(new ArrayList<>());
    try (ExecutorService threads = Executors.newFixedThreadPool(4)) {
      List<Future<?>> grabbers = new ArrayList<>();
      for (int t = 0; t < 4; t++) {
        grabbers.add(threads.submit(() -> {
          List<Job> batch;
          do {
            batch = jobs.grab("q", 7, NOW, lease);
            batch.forEach(job -> grabbedIds.add(job.id()));
          } while (!batch.isEmpty());
        }));
      }
      for (Future<?> grabber : grabbers) {
        grabber.get();
      }
    }

    assertThat(grabbedIds).hasSize(total).doesNotHaveDuplicates();
  }

  // --- complete

  @Test
  void success_deletes_the_job() {
    Job grabbed = pushAndGrab(NewJob.of("c", URL, null));

    assertThat(jobs.complete(grabbed, new Completion.Succeeded())).isTrue();

    assertThat(jobs.countJobs("q")).isZero();
  }

  @Test
  void retry_puts_the_job_back_for_its_next_try_with_one_retry_less() {
    Job grabbed = pushAndGrab(new NewJob("c", URL, null, 0, 2, 10, 0));

    assertThat(jobs.complete(grabbed, new Completion.Retry(NOW + 10_000))).isTrue();

    Lease lease = lease("q");
    assertThat(jobs.grab("q", 10, NOW + 9_999, lease)).isEmpty();
    Job retried = jobs.grab("q", 10, NOW + 10_000, lease).getFirst();
    assertThat(retried.id()).isEqualTo(grabbed.id());
    assertThat(retried.retryCount()).isEqualTo(1);
    assertThat(retried.failCount()).isEqualTo(1);
    assertThat(retried.nextTry()).isEqualTo(NOW + 10_000);
    assertThat(retried.createdAt()).isEqualTo(NOW);
  }

  @Test
  void a_failed_job_leaves_the_queue() {
    Job grabbed = pushAndGrab(NewJob.of("c", URL, null));

    boolean stored =
        jobs.complete(grabbed, new Completion.Failed(new WorkerResult("failure", 500, "boom"), NOW));

    assertThat(stored).isTrue();
    assertThat(jobs.countJobs("q")).isZero();
  }

  @Test
  void completing_a_job_that_is_gone_writes_nothing() {
    Job grabbed = pushAndGrab(NewJob.of("c", URL, null));
    jobs.complete(grabbed, new Completion.Succeeded());

    assertThat(jobs.complete(grabbed, new Completion.Retry(NOW))).isFalse();
    assertThat(jobs.countJobs("q")).isZero();
  }

  @Test
  void completing_a_job_that_is_not_grabbed_writes_nothing() {
    Job claimed = push("q", NewJob.of("c", URL, null));

    assertThat(jobs.complete(claimed, new Completion.Succeeded())).isFalse();
    assertThat(jobs.countJobs("q")).isEqualTo(1);
  }

  // --- recovery

  @Test
  void recovery_puts_back_jobs_grabbed_by_other_nodes_only() {
    push("q", NewJob.of("c", URL, "\"theirs\""));
    push("q", NewJob.of("c", URL, "\"mine\""));
    Lease theirs = storage.election().tryAcquire("q", "node-b").orElseThrow();
    jobs.grab("q", 1, NOW, theirs);
    storage.election().release(theirs);
    Job mine = jobs.grab("q", 1, NOW, lease("q")).getFirst();

    int recovered = jobs.recoverGrabbed("q", "node-a");

    assertThat(recovered).isEqualTo(1);
    assertThat(jobs.grab("q", 10, NOW, lease("q"))).extracting(Job::payload)
        .containsExactly("\"theirs\"");
    assertThat(jobs.complete(mine, new Completion.Succeeded())).isTrue();
  }

  // --- election

  @Test
  void a_node_can_become_primary_and_is_then_named_as_primary() {
    Optional<Lease> lease = storage.election().tryAcquire("q", "node-a");

    assertThat(lease).isPresent();
    assertThat(lease.get().isHeld()).isTrue();
    assertThat(lease.get().queue()).isEqualTo("q");
    assertThat(lease.get().nodeId()).isEqualTo("node-a");
    assertThat(storage.election().primaryOf("q")).isPresent();
  }

  @Test
  void only_one_node_is_primary_for_a_queue_until_it_releases() {
    if (!capabilities().exclusiveElection()) {
      return;
    }
    Lease first = storage.election().tryAcquire("q", "node-a").orElseThrow();

    assertThat(storage.election().tryAcquire("q", "node-b")).isEmpty();
    assertThat(storage.election().tryAcquire("other", "node-b")).isPresent();

    storage.election().release(first);
    assertThat(first.isHeld()).isFalse();
    assertThat(storage.election().tryAcquire("q", "node-b")).isPresent();
  }

  @Test
  void a_released_lease_grabs_nothing() {
    if (!capabilities().exclusiveElection()) {
      return;
    }
    push("q", NewJob.of("c", URL, null));
    Lease lease = storage.election().tryAcquire("q", "node-a").orElseThrow();
    storage.election().release(lease);

    assertThat(jobs.grab("q", 10, NOW, lease)).isEmpty();
  }

  @Test
  void no_primary_is_named_when_nobody_holds_the_queue() {
    if (!capabilities().exclusiveElection()) {
      return;
    }
    assertThat(storage.election().primaryOf("q")).isEmpty();
  }

  // --- definitions

  @Test
  void queue_definitions_are_created_replaced_and_deleted() {
    DefinitionRepository definitions = storage.definitions();
    QueueDefinition plain = new QueueDefinition("q", 200, 20, null);
    QueueDefinition throttled = new QueueDefinition("q", 100, 5, new Throttle(2.5, 4));

    definitions.saveQueue(plain);
    assertThat(definitions.queue("q")).contains(plain);
    definitions.saveQueue(throttled);
    assertThat(definitions.queue("q")).contains(throttled);
    assertThat(definitions.queues()).containsExactly(throttled);

    assertThat(definitions.deleteQueue("q")).contains(throttled);
    assertThat(definitions.queue("q")).isEmpty();
    assertThat(definitions.deleteQueue("q")).isEmpty();
  }

  @Test
  void queues_are_listed_by_name() {
    DefinitionRepository definitions = storage.definitions();
    definitions.saveQueue(new QueueDefinition("b", 200, 20, null));
    definitions.saveQueue(new QueueDefinition("a", 200, 20, null));

    assertThat(definitions.queues()).extracting(QueueDefinition::name).containsExactly("a", "b");
  }

  @Test
  void routings_are_created_replaced_and_deleted() {
    DefinitionRepository definitions = storage.definitions();
    definitions.saveQueue(new QueueDefinition("q", 200, 20, null));
    definitions.saveQueue(new QueueDefinition("other", 200, 20, null));

    definitions.saveRouting(new Routing("mail/send", "q"));
    definitions.saveRouting(new Routing("mail/send", "other"));

    assertThat(definitions.routing("mail/send")).contains(new Routing("mail/send", "other"));
    assertThat(definitions.routings()).containsExactly(new Routing("mail/send", "other"));
    assertThat(definitions.deleteRouting("mail/send")).contains(new Routing("mail/send", "other"));
    assertThat(definitions.routing("mail/send")).isEmpty();
    assertThat(definitions.deleteRouting("mail/send")).isEmpty();
  }

  @Test
  void every_change_raises_the_revision_and_reads_do_not() {
    DefinitionRepository definitions = storage.definitions();
    Set<Long> seen = new HashSet<>();
    seen.add(definitions.revision());

    definitions.saveQueue(new QueueDefinition("q", 200, 20, null));
    assertThat(seen.add(definitions.revision())).isTrue();
    definitions.saveRouting(new Routing("c", "q"));
    assertThat(seen.add(definitions.revision())).isTrue();
    definitions.deleteRouting("c");
    assertThat(seen.add(definitions.revision())).isTrue();
    definitions.deleteQueue("q");
    long afterDeletes = definitions.revision();
    assertThat(seen.add(afterDeletes)).isTrue();

    definitions.queues();
    definitions.routings();
    definitions.deleteQueue("q");
    assertThat(definitions.revision()).isEqualTo(afterDeletes);
  }

  // --- helpers

  protected Job push(String queue, NewJob job) {
    return jobs.push(List.of(new Enqueue(queue, job)), NOW).getFirst();
  }

  protected Job pushAndGrab(NewJob job) {
    push("q", job);
    return jobs.grab("q", 1, NOW, lease("q")).getFirst();
  }

  /** This test's lease on the queue, as node-a. */
  protected Lease lease(String queue) {
    return leases.computeIfAbsent(
        queue, name -> storage.election().tryAcquire(name, "node-a").orElseThrow());
  }

  /**
   * @param exclusiveElection at most one node holds a queue's lease at a time (false for a driver
   *     that is always primary, like the in-memory one)
   */
  public record Capabilities(boolean exclusiveElection) {}
}
