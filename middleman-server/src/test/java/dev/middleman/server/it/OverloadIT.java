package dev.middleman.server.it;

import static dev.middleman.server.it.MiddlemanProcess.env;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.middleman.mysql.Dsn;
import dev.middleman.testkit.FakeWorker;
import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.sql.SQLException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentSkipListSet;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** Many more concurrent pushers than the daemon has connections, on a MariaDB allowing 50. */
class OverloadIT {

  private static final int PUSHERS = 256;
  private static final int PUSHES_EACH = 20;
  private static final int POOL = 10;
  private static final int ELECTION_CONNECTIONS = 2;
  private static final int SERVER_MAX_CONNECTIONS = 50;

  @RegisterExtension
  static final FakeWorker worker = new FakeWorker();

  @TempDir
  Path dir;

  @Test
  void pushers_far_beyond_the_pool_all_get_200_the_pool_bounds_the_connections_and_each_job_arrives_once()
      throws Exception {
    RootClient root = RootClient.fromEnvironment();
    long maxConnections = root.globalLong("max_connections");
    root.setGlobal("max_connections", SERVER_MAX_CONNECTIONS);
    try (TestUserConnection probe = TestUserConnection.open()) {
      String queue = TestDatabase.freshQueue();
      try (MiddlemanProcess daemon = MiddlemanProcess.start(dir, env(
          "MIDDLEMAN_MYSQL_DSN", TestDatabase.dsn(), "MIDDLEMAN_QUEUE_DEFAULT", queue,
          "MIDDLEMAN_MYSQL_MAX_CONNECTIONS", Integer.toString(POOL),
          "MIDDLEMAN_QUEUE_DEFAULT_MAX_WORKERS", "50"));
          ConnectionSampler sampler = new ConnectionSampler(probe, daemon.pid())) {
        Set<Integer> acknowledged = new ConcurrentSkipListSet<>();
        List<String> refused = new CopyOnWriteArrayList<>();
        try (ExecutorService pushers = Executors.newVirtualThreadPerTaskExecutor()) {
          for (int pusher = 0; pusher < PUSHERS; pusher++) {
            int first = pusher * PUSHES_EACH;
            pushers.execute(() -> {
              for (int n = first; n < first + PUSHES_EACH; n++) {
                push(daemon, n, acknowledged, refused);
              }
            });
          }
        }

        System.out.printf("overload: %d pushes from %d concurrent pushers, %d answered 200, %d not;"
            + " at most %d connections of the daemon open (pool %d + election %d)%n",
            PUSHERS * PUSHES_EACH, PUSHERS, acknowledged.size(), refused.size(), sampler.most(), POOL,
            ELECTION_CONNECTIONS);
        assertThat(refused).as("pushes not answered 200").isEmpty();
        await("every acknowledged job delivered").atMost(Duration.ofSeconds(60))
            .until(() -> deliveriesPerJob().keySet().containsAll(acknowledged));
        await("nothing left stored").atMost(Duration.ofSeconds(10))
            .until(() -> QueueState.outstandingJobs(daemon, queue) == 0);
        assertThat(deliveriesPerJob()).allSatisfy((job, count) ->
            assertThat(count).as("deliveries of job %d", job).isOne());
        assertThat(sampler.most()).as("connections of the daemon").isBetween(1, POOL + ELECTION_CONNECTIONS);
        assertThat(sampler.failures()).isEmpty();
      }
    } finally {
      root.setGlobal("max_connections", maxConnections);
    }
  }

  private static void push(MiddlemanProcess daemon, int n, Set<Integer> acknowledged, List<String> refused) {
    try {
      HttpResponse<String> response = daemon.post("/job/overload",
          "{\"url\":\"" + worker.url("/overload") + "\",\"payload\":" + n + "}");
      if (response.statusCode() == 200) {
        acknowledged.add(n);
      } else {
        refused.add(n + ": " + response.statusCode() + " " + response.body());
      }
    } catch (IOException e) {
      refused.add(n + ": " + e);
    }
  }

  private static Map<Integer, Long> deliveriesPerJob() {
    return worker.requests("/overload").stream().collect(Collectors.groupingBy(
        request -> Integer.parseInt(request.bodyText()), Collectors.counting()));
  }

  /**
   * Counts, every 20 ms, the daemon's connections in the server's process list: those of its user
   * whose client port is one of the daemon process's own sockets to the server.
   */
  private static final class ConnectionSampler implements AutoCloseable {

    private final AtomicBoolean running = new AtomicBoolean(true);
    private final AtomicInteger most = new AtomicInteger();
    private final List<String> failures = new CopyOnWriteArrayList<>();
    private final Thread thread;

    ConnectionSampler(TestUserConnection probe, long daemonPid) {
      int serverPort = Dsn.parse(TestDatabase.dsn()).port();
      thread = Thread.ofPlatform().name("connection-sampler").start(() -> {
        while (running.get()) {
          try {
            Set<Integer> listed = probe.clientPortsOfThisUser();
            listed.retainAll(ProcessSockets.localPortsConnectedTo(daemonPid, serverPort));
            most.accumulateAndGet(listed.size(), Math::max);
            Thread.sleep(Duration.ofMillis(20));
          } catch (SQLException | IOException e) {
            failures.add(e.toString());
          } catch (InterruptedException e) {
            return;
          }
        }
      });
    }

    int most() {
      return most.get();
    }

    List<String> failures() {
      return List.copyOf(failures);
    }

    @Override
    public void close() throws InterruptedException {
      running.set(false);
      thread.join(Duration.ofSeconds(10));
    }
  }
}
