package dev.middleman.mysql;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.middleman.core.DispatchSettings;
import dev.middleman.core.Middleman;
import dev.middleman.core.MiddlemanSettings;
import dev.middleman.core.memory.InMemoryStorage;
import dev.middleman.core.model.NewJob;
import dev.middleman.core.model.QueueDefinition;
import dev.middleman.core.model.FailedJob;
import dev.middleman.core.spi.DefinitionRepository;
import dev.middleman.core.spi.JobInspection.FailureOrder;
import dev.middleman.core.spi.JobInspection.PageRequest;
import dev.middleman.core.spi.JobStore;
import dev.middleman.core.spi.LeaderElection;
import dev.middleman.core.spi.StorageDriver;
import dev.middleman.testkit.FakeWorker;
import dev.middleman.testkit.RecordedRequest;
import dev.middleman.testkit.Reply;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Two Middleman nodes elected on a real MariaDB, sharing one in-memory job store, calling a real
 * HTTP worker. Killing the primary's lock connection while its process lives must never leave
 * both nodes with calls in flight for the queue.
 */
class HandoverOverMysqlTest {

  private static final int JOBS = 40;

  private final FakeWorker worker = new FakeWorker();
  private final Map<String, AtomicInteger> callsInFlightByNode = new ConcurrentHashMap<>();
  private final AtomicInteger overlappingCalls = new AtomicInteger();
  private final InMemoryStorage jobs = new InMemoryStorage();
  private DedicatedConnectionSource source;
  private MysqlLeaderElection electionOfA;
  private MysqlLeaderElection electionOfB;
  private Middleman nodeA;
  private Middleman nodeB;

  @BeforeEach
  void startTwoNodes() {
    source = ElectionDatabase.source();
    worker.defaultReply(watchingForOverlap(Reply.delayed(Duration.ofMillis(100), Reply.success())));
    electionOfA = new MysqlLeaderElection(source);
    electionOfB = new MysqlLeaderElection(source);
    nodeA = node("node-a", electionOfA);
    nodeB = node("node-b", electionOfB);
    nodeA.start();
    nodeA.putQueue(new QueueDefinition("handover", 20, 4, null));
    await().until(() -> nodeA.isPrimary("handover"));
    nodeB.start();
  }

  @AfterEach
  void stopNodes() {
    worker.close();
    if (nodeA != null) {
      nodeA.stop();
      nodeB.stop();
      electionOfA.close();
      electionOfB.close();
    }
  }

  @Test
  void a_primary_cut_from_its_lock_connection_never_dispatches_alongside_the_next_one()
      throws Exception {
    CompletableFuture<Void> pushes = CompletableFuture.runAsync(this::pushSteadily);
    await().until(() -> worker.requests().size() >= 8);

    ElectionDatabase.kill(source, Long.parseLong(nodeA.primaryOf("handover").orElseThrow().id()));

    pushes.get(10, TimeUnit.SECONDS);
    await().atMost(Duration.ofSeconds(20)).until(() -> nodeA.countJobs("handover") == 0);
    assertThat(overlappingCalls).hasValue(0);
    assertThat(failedJobs()).isEmpty();
    assertThat(payloadsReceived()).hasSize(JOBS);
    assertThat(worker.requests()).hasSize(JOBS);
    await().atMost(Duration.ofSeconds(3))
        .until(() -> nodeA.isPrimary("handover") || nodeB.isPrimary("handover"));
  }

  private void pushSteadily() {
    IntStream.range(0, JOBS).forEach(i -> {
      nodeB.push(NewJob.of("c", worker.url("/work"), "{\"n\":" + i + "}"));
      try {
        Thread.sleep(50);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    });
  }

  /** Counts calls in flight per calling node, and notes every call that meets one of another. */
  private Reply watchingForOverlap(Reply reply) {
    return exchange -> {
      String node = exchange.getRequestHeaders().getFirst("User-Agent");
      AtomicInteger mine = callsInFlightByNode.computeIfAbsent(node, n -> new AtomicInteger());
      mine.incrementAndGet();
      boolean othersBusy = callsInFlightByNode.entrySet().stream()
          .anyMatch(entry -> !entry.getKey().equals(node) && entry.getValue().get() > 0);
      if (othersBusy) {
        overlappingCalls.incrementAndGet();
      }
      try {
        reply.send(exchange);
      } finally {
        mine.decrementAndGet();
      }
    };
  }

  private List<FailedJob> failedJobs() {
    return jobs.inspection().orElseThrow()
        .failedJobs("handover", FailureOrder.FAILED, new PageRequest(JOBS, true, null)).items();
  }

  private Set<String> payloadsReceived() {
    return worker.requests().stream().map(RecordedRequest::bodyText).collect(Collectors.toSet());
  }

  /**
   * Each node calls with its name as User-Agent. Keep-alive is on: with it off, the JDK client now
   * and then sends a call on a connection the worker is closing, which fails a job for reasons
   * that have nothing to do with the handover.
   */
  private Middleman node(String name, LeaderElection election) {
    MiddlemanSettings settings = new MiddlemanSettings("handover", 20, 4, Duration.ofMillis(200),
        Duration.ofSeconds(30), new DispatchSettings(true, 10, Duration.ZERO, name));
    return Middleman.builder(new SharedJobs(jobs, election)).settings(settings).build();
  }

  /** One process's in-memory jobs and definitions, seen by each node through its own election. */
  private record SharedJobs(InMemoryStorage memory, LeaderElection election)
      implements StorageDriver {

    @Override
    public String name() {
      return "in-memory with a MySQL election";
    }

    @Override
    public JobStore jobs() {
      return memory.jobs();
    }

    @Override
    public DefinitionRepository definitions() {
      return memory.definitions();
    }

    @Override
    public boolean isHealthy() {
      return true;
    }

    @Override
    public void close() {}
  }
}
