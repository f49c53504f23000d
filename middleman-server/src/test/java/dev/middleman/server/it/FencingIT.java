package dev.middleman.server.it;

import static dev.middleman.server.it.MiddlemanProcess.env;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.middleman.server.it.Cluster.Node;
import dev.middleman.server.it.Cluster.Primary;
import dev.middleman.testkit.FakeWorker;
import dev.middleman.testkit.RecordedRequest;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentSkipListSet;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * Two daemons on one MySQL database; the primary's queue-lock connection is killed on the server
 * while the primary lives and has calls in flight.
 */
class FencingIT {

  private static final int CUTS = 3;
  private static final Duration CALL = Duration.ofMillis(250);

  @RegisterExtension
  static final FakeWorker worker = new FakeWorker();

  @TempDir
  Path dir;

  private final CallLog calls = new CallLog();

  @Test
  void a_primary_cut_from_its_lock_connection_never_has_calls_in_flight_beside_the_next_primary()
      throws Exception {
    RootClient root = RootClient.fromEnvironment();
    String queue = TestDatabase.freshQueue();
    Map<String, String> env = env("MIDDLEMAN_MYSQL_DSN", TestDatabase.dsn(),
        "MIDDLEMAN_QUEUE_DEFAULT_MAX_WORKERS", "8");
    worker.defaultReply(calls.slowSuccess(CALL));
    List<String> handovers = new ArrayList<>();
    try (Cluster cluster = new Cluster(dir, env, queue)) {
      List<Node> nodes = cluster.start(2);
      try (SteadyPushes pushes = new SteadyPushes(nodes.getFirst())) {
        for (int cut = 1; cut <= CUTS; cut++) {
          // A node may hold the queue lock for a moment while it finds the handover lock taken,
          // so the primary to cut is one that is seen dispatching.
          Primary before = await("a primary with calls in flight").atMost(Duration.ofSeconds(15))
              .until(() -> cluster.primaryNow()
                  .filter(primary -> calls.runningFor(primary.node().agent()) > 0),
                  Optional::isPresent).orElseThrow();
          String agent = before.node().agent();
          pushes.target(cluster.other(before.node()));

          root.kill(before.connectionId());
          long cutAt = System.nanoTime();
          Primary after = await("a primary on another connection").atMost(Duration.ofSeconds(20))
              .pollInterval(Duration.ofMillis(20))
              .until(() -> cluster.primaryNow().filter(now -> now.connectionId() != before.connectionId()),
                  Optional::isPresent).orElseThrow();

          handovers.add(String.format("cut %d: %s (connection %d) -> %s (connection %d) after %d ms",
              cut, agent, before.connectionId(), after.node().agent(), after.connectionId(),
              Duration.ofNanos(System.nanoTime() - cutAt).toMillis()));
          assertThat(before.node().process().isAlive()).as("the cut primary lives on").isTrue();
        }
        pushes.stop();
        Set<Integer> pushed = pushes.stored();
        await("every pushed job delivered").atMost(Duration.ofSeconds(60))
            .until(() -> delivered().containsAll(pushed));
        assertThat(pushes.failures()).isEmpty();
      }
      await("every call answered").atMost(Duration.ofSeconds(10))
          .until(() -> calls.calls().size() == worker.requests("/fenced").size());
    }

    handovers.forEach(line -> System.out.println("fencing " + line));
    assertThat(handovers).as("the queue moved to the other node at least once")
        .anyMatch(line -> !line.matches(".*: (node-\\d+) .*-> \\1 .*"));
    assertThat(calls.overlapsBetweenAgents()).as("calls of two nodes in flight at once").isEmpty();
  }

  private static Set<Integer> delivered() {
    return worker.requests("/fenced").stream().map(RecordedRequest::bodyText).map(Integer::parseInt)
        .collect(Collectors.toSet());
  }

  /**
   * Pushes a numbered job every 40 ms, fewer than the queue dispatches, to one node: a push wakes
   * that node's dispatcher, so a backup receiving them tries for the queue at once.
   */
  private static final class SteadyPushes implements AutoCloseable {

    private final AtomicBoolean running = new AtomicBoolean(true);
    private final AtomicInteger next = new AtomicInteger();
    private final Set<Integer> stored = new ConcurrentSkipListSet<>();
    private final List<String> failures = new CopyOnWriteArrayList<>();
    private final Thread thread;
    private volatile Node target;

    SteadyPushes(Node first) {
      target = first;
      thread = Thread.ofVirtual().name("steady-pushes").start(this::run);
    }

    void target(Node node) {
      target = node;
    }

    private void run() {
      while (running.get()) {
        int n = next.getAndIncrement();
        try {
          target.process().push("fenced", "{\"url\":\"" + worker.url("/fenced") + "\",\"payload\":" + n + "}");
          stored.add(n);
        } catch (IOException | AssertionError e) {
          failures.add(n + ": " + e);
        }
        try {
          Thread.sleep(Duration.ofMillis(40));
        } catch (InterruptedException e) {
          return;
        }
      }
    }

    Set<Integer> stored() {
      return Set.copyOf(stored);
    }

    List<String> failures() {
      return List.copyOf(failures);
    }

    void stop() throws InterruptedException {
      running.set(false);
      thread.join(Duration.ofSeconds(20));
    }

    @Override
    public void close() throws InterruptedException {
      stop();
    }
  }
}
