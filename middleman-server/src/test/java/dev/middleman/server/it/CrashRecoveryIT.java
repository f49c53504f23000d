package dev.middleman.server.it;

import static dev.middleman.server.it.MiddlemanProcess.env;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.middleman.testkit.FakeWorker;
import dev.middleman.testkit.RecordedRequest;
import dev.middleman.testkit.Reply;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** The daemon killed with SIGKILL in the middle of dispatching, on MySQL, and started again. */
class CrashRecoveryIT {

  private static final int JOBS = 2000;
  private static final int MAX_WORKERS = 20;
  private static final int PUSHERS = 16;
  /** The User-Agent of the daemon that is killed, to tell its calls from the next daemon's. */
  private static final String KILLED = "killed-daemon";

  @RegisterExtension
  static final FakeWorker worker = new FakeWorker();

  @TempDir
  Path dir;

  @Test
  void after_a_kill_9_mid_dispatch_the_next_daemon_delivers_every_job_and_repeats_only_those_in_flight()
      throws Exception {
    String queue = TestDatabase.freshQueue();
    Map<String, String> env = env("MIDDLEMAN_MYSQL_DSN", TestDatabase.dsn(),
        "MIDDLEMAN_QUEUE_DEFAULT", queue,
        "MIDDLEMAN_QUEUE_DEFAULT_MAX_WORKERS", Integer.toString(MAX_WORKERS));
    Map<String, String> killedEnv = new HashMap<>(env);
    killedEnv.put("MIDDLEMAN_DISPATCH_USER_AGENT", KILLED);
    worker.defaultReply(Reply.delayed(Duration.ofMillis(50), Reply.success()));

    int inFlightAtKill;
    try (MiddlemanProcess first = MiddlemanProcess.start(dir, killedEnv)) {
      pushNumberedJobs(first);
      await().atMost(Duration.ofSeconds(60)).until(() -> worker.requests("/crash").size() >= JOBS / 5);

      assertThat(worker.requests("/crash")).as("still dispatching at the kill").hasSizeLessThan(JOBS);
      inFlightAtKill = worker.inFlight();
      first.close();
      assertThat(first.awaitExit(Duration.ofSeconds(10))).as("exit status of SIGKILL").isEqualTo(137);
    }

    try (MiddlemanProcess next = MiddlemanProcess.start(dir, env)) {
      await().atMost(Duration.ofSeconds(90))
          .until(() -> deliveriesPerJob().size() == JOBS);
      await("nothing left stored").atMost(Duration.ofSeconds(10))
          .until(() -> QueueState.outstandingJobs(next, queue) == 0);
      assertThat(QueueState.listed(next, queue, "grabbed")).isZero();
      assertThat(QueueState.listed(next, queue, "waiting")).isZero();
      assertThat(QueueState.listed(next, queue, "deferred")).isZero();

      List<Integer> sentTwice = deliveriesPerJob().entrySet().stream()
          .filter(job -> job.getValue().size() > 1).map(Map.Entry::getKey).sorted().toList();
      System.out.printf("crash recovery: %d of %d jobs dispatched twice after kill -9"
          + " (%d calls in flight at the worker at the kill, max_workers %d): %s%n",
          sentTwice.size(), JOBS, inFlightAtKill, MAX_WORKERS, sentTwice);
      assertThat(sentTwice).hasSizeLessThanOrEqualTo(MAX_WORKERS);
      for (Integer job : sentTwice) {
        List<RecordedRequest> deliveries = deliveriesPerJob().get(job);
        assertThat(deliveries).as("deliveries of job %d", job).hasSize(2);
        assertThat(deliveries.getFirst().header("User-Agent")).as("first sender of job %d", job)
            .isEqualTo(KILLED);
      }
      assertThat(next.terminate(Duration.ofSeconds(30))).isZero();
    }
  }

  private static void pushNumberedJobs(MiddlemanProcess daemon) throws Exception {
    try (ExecutorService pushers = Executors.newFixedThreadPool(PUSHERS, Thread.ofVirtual().factory())) {
      List<Future<Object>> pushes = pushers.invokeAll(IntStream.range(0, JOBS)
          .mapToObj(n -> (Callable<Object>) () -> {
            daemon.push("crash", "{\"url\":\"" + worker.url("/crash") + "\",\"payload\":" + n + "}");
            return null;
          }).toList());
      for (Future<Object> push : pushes) {
        push.get();
      }
    }
  }

  /** Each job that reached the worker, by its number, with every delivery in order of arrival. */
  private static Map<Integer, List<RecordedRequest>> deliveriesPerJob() {
    return worker.requests("/crash").stream().collect(Collectors.groupingBy(
        request -> Integer.parseInt(request.bodyText()), Collectors.mapping(Function.identity(),
            Collectors.toList())));
  }
}
