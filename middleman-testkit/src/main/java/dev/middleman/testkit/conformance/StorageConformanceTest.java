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
import dev.middleman.core.model.FailedJob;
import dev.middleman.core.spi.JobInspection;
import dev.middleman.core.spi.JobInspection.FailureOrder;
import dev.middleman.core.spi.JobInspection.JobState;
import dev.middleman.core.spi.JobInspection.Page;
import dev.middleman.core.spi.JobInspection.PageRequest;
import dev.middleman.core.spi.JobStore;
import dev.middleman.core.spi.PageCursor;
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
  /** Walked seven at a time, as an operator's client might. */
  private static final int PAGED_JOBS = 1000;

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
  void grab_takes_only_the_ready_jobs_from_among_many_deferred_ones() {
    List<Enqueue> deferred = IntStream.range(0, 200)
        .mapToObj(i -> new Enqueue("q", new NewJob("c", URL, null, 3600, 0, 0, 0)))
        .toList();
    jobs.push(deferred.subList(0, 100), NOW);
    List<Job> ready = jobs.push(List.of(
        new Enqueue("q", new NewJob("c", URL, null, 2, 0, 0, 0)),
        new Enqueue("q", new NewJob("c", URL, null, 1, 0, 0, 0)),
        new Enqueue("q", NewJob.of("c", URL, null))), NOW);
    jobs.push(deferred.subList(100, 200), NOW);
    Lease lease = lease("q");

    assertThat(jobs.grab("q", 10, NOW + 2_000, lease)).extracting(Job::id)
        .containsExactly(ready.get(2).id(), ready.get(1).id(), ready.get(0).id());
    assertThat(jobs.grab("q", 10, NOW + 2_000, lease)).isEmpty();
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

    assertThat(jobs.complete(grabbed, new Completion.Retry(NOW + 10_000, NOW))).isTrue();

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

    assertThat(jobs.complete(grabbed, new Completion.Retry(NOW, NOW))).isFalse();
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

  // --- inspection

  @Test
  void a_driver_without_inspection_says_so() {
    assertThat(storage.inspection().isPresent()).isEqualTo(capabilities().inspection());
  }

  @Test
  void lists_jobs_by_state() {
    assumeInspection();
    Job grabbed = pushAndGrab(NewJob.of("c", URL, null));
    Job waiting = push("q", NewJob.of("c", URL, null));
    Job deferred = push("q", new NewJob("c", URL, null, 60, 0, 0, 0));

    assertThat(list(JobState.GRABBED, true, null).items()).extracting(Job::id).containsExactly(grabbed.id());
    assertThat(list(JobState.WAITING, true, null).items()).extracting(Job::id).containsExactly(waiting.id());
    assertThat(list(JobState.DEFERRED, true, null).items()).extracting(Job::id).containsExactly(deferred.id());
  }

  @Test
  void lists_jobs_by_next_try_then_id_in_either_order() {
    assumeInspection();
    Job later = push("q", new NewJob("c", URL, null, 120, 0, 0, 0));
    Job first = push("q", new NewJob("c", URL, null, 60, 0, 0, 0));
    Job second = push("q", new NewJob("c", URL, null, 60, 0, 0, 0));

    assertThat(list(JobState.DEFERRED, true, null).items()).extracting(Job::id)
        .containsExactly(first.id(), second.id(), later.id());
    assertThat(list(JobState.DEFERRED, false, null).items()).extracting(Job::id)
        .containsExactly(later.id(), second.id(), first.id());
  }

  @Test
  void paging_returns_every_job_once_in_order_in_both_directions() {
    assumeInspection();
    List<Long> ids = pushAll("q", IntStream.range(0, PAGED_JOBS)
        .mapToObj(i -> new NewJob("c", URL, null, i % 10, 0, 0, 0)).toList());

    List<Job> ascending = walk(JobState.WAITING, true, () -> {});
    List<Job> descending = walk(JobState.WAITING, false, () -> {});

    assertThat(ascending).extracting(Job::id).containsExactlyInAnyOrderElementsOf(ids);
    assertThat(ascending).isSortedAccordingTo(
        java.util.Comparator.comparingLong(Job::nextTry).thenComparingLong(Job::id));
    assertThat(descending).extracting(Job::id).containsExactlyElementsOf(
        ascending.reversed().stream().map(Job::id).toList());
  }

  @Test
  void paging_a_changing_queue_never_returns_a_job_twice() {
    assumeInspection();
    List<Long> untouched = new ArrayList<>(pushAll("q", IntStream.range(0, PAGED_JOBS)
        .mapToObj(i -> NewJob.of("c", URL, null)).toList()));
    Lease lease = lease("q");
    Runnable churn = () -> {
      push("q", NewJob.of("c", URL, null));
      for (Job job : jobs.grab("q", 2, NOW, lease)) {
        untouched.remove(Long.valueOf(job.id()));
        jobs.complete(job, new Completion.Retry(NOW + 1, NOW));
      }
    };

    for (boolean ascending : new boolean[] {true, false}) {
      List<Job> seen = walk(JobState.WAITING, ascending, churn);
      assertThat(seen).extracting(Job::id).doesNotHaveDuplicates().containsAll(untouched);
    }
  }

  @Test
  void finds_and_deletes_one_job() {
    assumeInspection();
    Job job = push("q", new NewJob("c", URL, "{\"a\":1}", 0, 2, 3, 4));
    JobInspection inspection = storage.inspection().orElseThrow();

    assertThat(inspection.job("q", job.id())).contains(job);
    assertThat(inspection.job("q", job.id() + 1000)).isEmpty();
    assertThat(inspection.deleteJob("q", job.id())).isTrue();
    assertThat(inspection.job("q", job.id())).isEmpty();
    assertThat(inspection.deleteJob("q", job.id())).isFalse();
  }

  @Test
  void a_deleted_waiting_job_is_not_grabbed() {
    assumeInspection();
    Job deleted = push("q", NewJob.of("c", URL, null));
    Job kept = push("q", NewJob.of("c", URL, null));

    storage.inspection().orElseThrow().deleteJob("q", deleted.id());

    assertThat(jobs.grab("q", 10, NOW, lease("q"))).extracting(Job::id).containsExactly(kept.id());
  }

  @Test
  void a_deleted_grabbed_job_is_not_put_back_by_its_dispatch() {
    assumeInspection();
    Job grabbed = pushAndGrab(new NewJob("c", URL, null, 0, 3, 0, 0));

    storage.inspection().orElseThrow().deleteJob("q", grabbed.id());

    assertThat(jobs.complete(grabbed, new Completion.Retry(NOW, NOW))).isFalse();
    assertThat(jobs.countJobs("q")).isZero();
  }

  @Test
  void the_failure_log_keeps_the_job_and_the_workers_last_result() {
    assumeInspection();
    Job grabbed = pushAndGrab(new NewJob("mail", URL, "[1]", 0, 0, 0, 0));
    WorkerResult result = new WorkerResult("permanent-failure", 422, "bad address");
    jobs.complete(grabbed, new Completion.Failed(result, NOW + 500));
    JobInspection inspection = storage.inspection().orElseThrow();

    FailedJob failed = inspection.failedJobs("q", FailureOrder.FAILED, new PageRequest(10, false, null))
        .items().getFirst();

    assertThat(failed.jobId()).isEqualTo(grabbed.id());
    assertThat(failed.category()).isEqualTo("mail");
    assertThat(failed.url()).isEqualTo(URL);
    assertThat(failed.payload()).isEqualTo("[1]");
    assertThat(failed.result()).isEqualTo(result);
    assertThat(failed.failCount()).isEqualTo(1);
    assertThat(failed.failedAt()).isEqualTo(NOW + 500);
    assertThat(failed.createdAt()).isEqualTo(NOW);
    assertThat(inspection.failedJob("q", failed.id())).contains(failed);
    assertThat(inspection.deleteFailedJob("q", failed.id())).isTrue();
    assertThat(inspection.failedJob("q", failed.id())).isEmpty();
    assertThat(inspection.deleteFailedJob("q", failed.id())).isFalse();
  }

  @Test
  void the_failure_log_pages_newest_failure_or_newest_job_first() {
    assumeInspection();
    Job old = push("q", NewJob.of("c", URL, null));
    Job young = jobs.push(List.of(new Enqueue("q", NewJob.of("c", URL, null))), NOW + 1000).getFirst();
    Lease lease = lease("q");
    for (Job job : jobs.grab("q", 2, NOW + 1000, lease)) {
      long failedAt = job.id() == old.id() ? NOW + 9000 : NOW + 5000;
      jobs.complete(job, new Completion.Failed(new WorkerResult("failure", 500, ""), failedAt));
    }
    JobInspection inspection = storage.inspection().orElseThrow();

    Page<FailedJob> byFailure = inspection.failedJobs("q", FailureOrder.FAILED, new PageRequest(1, false, null));
    Page<FailedJob> rest = inspection.failedJobs("q", FailureOrder.FAILED, new PageRequest(1, false, byFailure.next()));
    Page<FailedJob> byCreation = inspection.failedJobs("q", FailureOrder.CREATED, new PageRequest(5, false, null));

    assertThat(byFailure.items()).extracting(FailedJob::jobId).containsExactly(old.id());
    assertThat(rest.items()).extracting(FailedJob::jobId).containsExactly(young.id());
    assertThat(rest.next()).isNull();
    assertThat(byCreation.items()).extracting(FailedJob::jobId).containsExactly(young.id(), old.id());
  }

  // --- helpers

  private void assumeInspection() {
    org.junit.jupiter.api.Assumptions.assumeTrue(capabilities().inspection(), "driver has no inspection");
  }

  private Page<Job> list(JobState state, boolean ascending, PageCursor after) {
    return storage.inspection().orElseThrow()
        .jobs("q", state, new PageRequest(100, ascending, after), NOW + 10_000);
  }

  /** Walks a list seven jobs at a time, running {@code betweenPages} after each page. */
  private List<Job> walk(JobState state, boolean ascending, Runnable betweenPages) {
    JobInspection inspection = storage.inspection().orElseThrow();
    List<Job> seen = new ArrayList<>();
    PageCursor cursor = null;
    int pages = 0;
    do {
      Page<Job> page = inspection.jobs("q", state, new PageRequest(7, ascending, cursor), NOW + 10_000);
      seen.addAll(page.items());
      cursor = page.next();
      betweenPages.run();
      assertThat(++pages).as("pages walked").isLessThan(1000);
    } while (cursor != null);
    return seen;
  }

  private List<Long> pushAll(String queue, List<NewJob> batch) {
    return jobs.push(batch.stream().map(job -> new Enqueue(queue, job)).toList(), NOW).stream()
        .map(Job::id).toList();
  }

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
   * @param inspection the driver offers {@link StorageDriver#inspection()}
   */
  public record Capabilities(boolean exclusiveElection, boolean inspection) {}
}
