package dev.middleman.server.it;

import static dev.middleman.server.it.MiddlemanProcess.env;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.middleman.testkit.FakeWorker;
import dev.middleman.testkit.Reply;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Signals, the pid file and the shutdown timeout, on the packaged jar. */
class LifecycleIT {

  @RegisterExtension
  static final FakeWorker worker = new FakeWorker();

  @TempDir
  Path dir;

  @Test
  void writes_the_pid_file_while_running_and_removes_it_after_sigterm() throws Exception {
    Path pidFile = dir.resolve("middleman.pid");
    try (MiddlemanProcess daemon = MiddlemanProcess.start(dir, env("MIDDLEMAN_PID", pidFile.toString()))) {
      assertThat(pidFile).hasContent(Long.toString(daemon.pid()));

      assertThat(daemon.terminate(Duration.ofSeconds(30))).isZero();

      assertThat(pidFile).doesNotExist();
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {"TERM", "INT", "HUP"})
  void stops_gracefully_with_status_0_on(String signal) throws Exception {
    try (MiddlemanProcess daemon = MiddlemanProcess.start(dir, env("MIDDLEMAN_SHUTDOWN_TIMEOUT", "5"))) {
      daemon.signal(signal);

      assertThat(daemon.awaitExit(Duration.ofSeconds(5))).isZero();
      assertThat(daemon.stderrText()).contains("Stopping gracefully (SIG" + signal + ")", "Stopped");
    }
  }

  @Test
  void a_worker_slower_than_the_shutdown_timeout_delays_the_exit_only_until_the_timeout() throws Exception {
    worker.defaultReply(Reply.delayed(Duration.ofSeconds(20), Reply.success()));
    try (MiddlemanProcess daemon = MiddlemanProcess.start(dir, env("MIDDLEMAN_SHUTDOWN_TIMEOUT", "2"),
        "--queue-default=default")) {
      daemon.push("slow", "{\"url\":\"" + worker.url("/slow") + "\"}");
      await().atMost(Duration.ofSeconds(10)).until(() -> worker.requests("/slow").size() == 1);

      long stopping = System.nanoTime();
      assertThat(daemon.terminate(Duration.ofSeconds(10))).isZero();
      long tookMillis = (System.nanoTime() - stopping) / 1_000_000;

      assertThat(tookMillis).as("the 2 s timeout plus a small margin").isBetween(2000L, 2000L + 3000L);
      assertThat(daemon.stderrText()).contains("still in flight");
    }
  }

  @Test
  void a_second_signal_does_not_disturb_the_stop_in_progress() throws Exception {
    worker.defaultReply(Reply.delayed(Duration.ofSeconds(20), Reply.success()));
    try (MiddlemanProcess daemon = MiddlemanProcess.start(dir, env("MIDDLEMAN_SHUTDOWN_TIMEOUT", "2"),
        "--queue-default=default")) {
      daemon.push("slow", "{\"url\":\"" + worker.url("/slower") + "\"}");
      await().atMost(Duration.ofSeconds(10)).until(() -> worker.requests("/slower").size() == 1);

      daemon.signal("TERM");
      await().atMost(Duration.ofSeconds(5))
          .until(() -> daemon.stderrText().contains("Stopping gracefully"));
      daemon.signal("INT");

      assertThat(daemon.awaitExit(Duration.ofSeconds(10))).isZero();
      assertThat(daemon.stderrText()).contains("Already stopping (SIGINT ignored)", "Stopped");
    }
  }

  @Test
  void the_pid_file_is_not_written_when_the_address_cannot_be_bound() throws Exception {
    Path pidFile = dir.resolve("never.pid");
    try (java.net.ServerSocket taken = new java.net.ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress());
        MiddlemanProcess daemon = MiddlemanProcess.launch(dir, env(
            "MIDDLEMAN_BIND", "127.0.0.1:" + taken.getLocalPort(), "MIDDLEMAN_PID", pidFile.toString()))) {
      assertThat(daemon.awaitExit(Duration.ofSeconds(30))).isNotZero();
      assertThat(daemon.stderrText()).contains("middleman: MIDDLEMAN_BIND=127.0.0.1:" + taken.getLocalPort()
          + ": cannot listen");
      assertThat(Files.exists(pidFile)).isFalse();
    }
  }
}
