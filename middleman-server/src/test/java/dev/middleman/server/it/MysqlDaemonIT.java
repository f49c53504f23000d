package dev.middleman.server.it;

import static dev.middleman.server.it.MiddlemanProcess.env;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.empty;

import dev.middleman.testkit.FakeWorker;
import dev.middleman.testkit.RecordedRequest;
import dev.middleman.testkit.Reply;
import java.nio.file.Path;
import org.awaitility.core.ConditionTimeoutException;
import java.time.Duration;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** The packaged jar on MySQL: secrets stay masked, and stops and restarts lose no job. */
class MysqlDaemonIT {

  @RegisterExtension
  static final FakeWorker worker = new FakeWorker();

  @TempDir
  Path dir;

  @Test
  void a_job_still_running_at_the_shutdown_deadline_is_delivered_by_the_next_daemon() throws Exception {
    String queue = TestDatabase.freshQueue();
    Map<String, String> env = env("MIDDLEMAN_MYSQL_DSN", TestDatabase.dsn(),
        "MIDDLEMAN_SHUTDOWN_TIMEOUT", "1", "MIDDLEMAN_QUEUE_DEFAULT", queue);
    worker.script("/unfinished", Reply.delayed(Duration.ofSeconds(10), Reply.success()));
    MiddlemanProcess first = MiddlemanProcess.start(dir, env);
    try (first) {
      first.push("unfinished", "{\"url\":\"" + worker.url("/unfinished") + "\",\"payload\":\"once\"}");
      await().atMost(Duration.ofSeconds(10)).until(() -> worker.requests("/unfinished").size() == 1);

      long stopping = System.nanoTime();
      assertThat(first.terminate(Duration.ofSeconds(10))).isZero();
      assertThat((System.nanoTime() - stopping) / 1_000_000).isLessThan(1000 + 3000);
    }

    try (MiddlemanProcess next = MiddlemanProcess.start(dir, env)) {
      RecordedRequest again;
      try {
        again = await().atMost(Duration.ofSeconds(30))
            .until(() -> worker.requests("/unfinished"), requests -> requests.size() == 2).get(1);
      } catch (ConditionTimeoutException e) {
        throw new AssertionError("the job was not delivered again; first daemon:\n" + first.stderrText()
            + "\nnext daemon:\n" + next.stderrText(), e);
      }

      assertThat(again.bodyText()).isEqualTo("once");
      MiddlemanProcess.deleteQueue(next.port(), queue);
      assertThat(next.terminate(Duration.ofSeconds(30))).isZero();
    }
  }

  @Test
  void a_graceful_restart_under_start_server_fails_no_push_and_loses_no_job() throws Exception {
    String queue = TestDatabase.freshQueue();
    Map<String, String> env = env("MIDDLEMAN_MYSQL_DSN", TestDatabase.dsn(), "MIDDLEMAN_QUEUE_DEFAULT", queue);
    try (StartServer starter = StartServer.start(dir, env)) {
      starter.awaitServing();
      PushLoop pushes;
      try (PushLoop loop = new PushLoop(starter.port(), worker.url("/durable"))) {
        pushes = loop;
        await().atMost(Duration.ofSeconds(60)).until(() -> loop.storedCount() >= 50);
        starter.restart(2);
        int atSwap = loop.storedCount();
        await().atMost(Duration.ofSeconds(30)).until(() -> loop.storedCount() >= atSwap + 50);
      }
      assertThat(pushes.failures()).as("failed pushes during the swap").isEmpty();

      Set<Integer> stored = pushes.stored();
      await().atMost(Duration.ofSeconds(60)).until(() -> undelivered(stored), empty());
      MiddlemanProcess.deleteQueue(starter.port(), queue);
      assertThat(starter.stop()).isZero();
    }
  }

  @Test
  void shows_the_dsn_in_its_settings_with_the_password_masked() throws Exception {
    try (MiddlemanProcess daemon = MiddlemanProcess.start(dir, env("MIDDLEMAN_MYSQL_DSN", TestDatabase.dsn()))) {
      String settings = daemon.get("/settings").body();

      assertThat(settings).contains("\"driver\":\"mysql\"", ":***@").doesNotContain(password(TestDatabase.dsn()));
      assertThat(daemon.stderrText()).contains(":***@").doesNotContain(password(TestDatabase.dsn()));
      assertThat(daemon.terminate(Duration.ofSeconds(30))).isZero();
    }
  }

  private static String password(String dsn) {
    return dsn.substring(dsn.indexOf(':') + 1, dsn.lastIndexOf("@tcp("));
  }

  private static Set<Integer> undelivered(Set<Integer> stored) {
    Set<Integer> delivered = worker.requests("/durable").stream()
        .map(request -> Integer.parseInt(request.bodyText())).collect(Collectors.toSet());
    return stored.stream().filter(n -> !delivered.contains(n)).collect(Collectors.toCollection(java.util.TreeSet::new));
  }
}
