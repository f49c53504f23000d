package dev.middleman.mysql;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.middleman.core.DispatchSettings;
import dev.middleman.core.Middleman;
import dev.middleman.core.MiddlemanSettings;
import dev.middleman.core.model.FailedJob;
import dev.middleman.core.model.NewJob;
import dev.middleman.core.model.QueueDefinition;
import dev.middleman.core.spi.JobInspection.FailureOrder;
import dev.middleman.core.spi.JobInspection.PageRequest;
import dev.middleman.core.spi.StorageDriver;
import dev.middleman.testkit.FakeWorker;
import dev.middleman.testkit.RecordedRequest;
import dev.middleman.testkit.Reply;
import dev.middleman.testkit.mysql.MysqlFixture;
import java.sql.SQLException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Two Middleman nodes on one real MySQL database, each with its own driver (pool and election),
 * calling a real HTTP worker. Killing the primary's lock connection while its process lives must
 * never leave both nodes with calls in flight for the queue, nor lose or repeat a job.
 */
class HandoverOverMysqlTest {

  @RegisterExtension static final MysqlFixture mysql = new MysqlFixture();

  private static final int JOBS = 40;

  private final FakeWorker worker = new FakeWorker();
  private final Map<String, AtomicInteger> callsInFlightByNode = new ConcurrentHashMap<>();
  private final AtomicInteger overlappingCalls = new AtomicInteger();
  private MysqlStorage storageOfA;
  private MysqlStorage storageOfB;
  private Middleman nodeA;
  private Middleman nodeB;

  @BeforeEach
  void startTwoNodes() {
    worker.defaultReply(watchingForOverlap(Reply.delayed(Duration.ofMillis(100), Reply.success())));
    Dsn dsn = Dsn.parse(mysql.dsn());
    storageOfA = MysqlStorage.open(dsn, dsn, 4);
    storageOfB = MysqlStorage.open(dsn, dsn, 4);
    nodeA = node("node-a", storageOfA);
    nodeB = node("node-b", storageOfB);
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
      storageOfA.close();
      storageOfB.close();
    }
  }

  @Test
  void a_primary_cut_from_its_lock_connection_never_dispatches_alongside_the_next_one()
      throws SQLException {
    pushSteadily(0, JOBS / 2);
    await().until(() -> worker.requests().size() >= 8);

    ElectionDatabase.kill(mysql, Long.parseLong(nodeA.primaryOf("handover").orElseThrow().id()));
    pushSteadily(JOBS / 2, JOBS);

    await().atMost(Duration.ofSeconds(30)).until(() -> nodeA.countJobs("handover") == 0);
    assertThat(overlappingCalls).hasValue(0);
    assertThat(failedJobs()).isEmpty();
    assertThat(payloadsReceived()).hasSize(JOBS);
    assertThat(worker.requests()).hasSize(JOBS);
  }

  /** Pushes jobs {@code from} to {@code to} (exclusive) through node B, one every 50 ms. */
  private void pushSteadily(int from, int to) {
    for (int i = from; i < to; i++) {
      nodeB.push(NewJob.of("c", worker.url("/work"), "{\"n\":" + i + "}"));
      try {
        Thread.sleep(50);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return;
      }
    }
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
    return storageOfA.inspection().orElseThrow()
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
  private static Middleman node(String name, StorageDriver storage) {
    MiddlemanSettings settings = new MiddlemanSettings("handover", 20, 4, Duration.ofMillis(200),
        Duration.ofSeconds(30), new DispatchSettings(true, 10, Duration.ZERO, name));
    return Middleman.builder(storage).settings(settings).build();
  }
}
