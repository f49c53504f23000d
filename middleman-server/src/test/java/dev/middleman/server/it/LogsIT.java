package dev.middleman.server.it;

import static dev.middleman.server.it.MiddlemanProcess.env;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.middleman.testkit.FakeWorker;
import dev.middleman.testkit.Reply;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** The three logs of the packaged jar, written to files, and their rotation. */
class LogsIT {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final List<String> QUEUE_FIELDS = List.of("time", "level", "tag", "action", "queue",
      "category", "id", "status", "created_at", "elapsed", "url", "payload", "next_try",
      "retry_count", "retry_delay", "fail_count", "timeout", "message");
  private static final List<String> ACCESS_FIELDS = List.of("time", "level", "tag", "method", "path",
      "status", "bytes", "duration", "remote_addr");

  @RegisterExtension
  static final FakeWorker worker = new FakeWorker();

  @TempDir
  Path dir;

  @Test
  void every_line_of_every_log_file_is_json_with_its_fields() throws Exception {
    Map<String, String> env = logFiles();
    env.put("MIDDLEMAN_QUEUE_LOG_TAG", "jobs");
    env.put("MIDDLEMAN_ACCESS_LOG_TAG", "api");
    try (MiddlemanProcess daemon = MiddlemanProcess.start(dir, env, "--queue-default=default")) {
      worker.script("/retry", Reply.failure("once more"));
      daemon.push("ok", "{\"url\":\"" + worker.url("/ok") + "\",\"payload\":{\"n\":1}}");
      daemon.push("retry", "{\"url\":\"" + worker.url("/retry") + "\",\"max_retries\":1}");
      worker.script("/doomed", Reply.permanentFailure("no such user"));
      daemon.push("doomed", "{\"url\":\"" + worker.url("/doomed") + "\",\"payload\":\"text\"}");
      await().atMost(Duration.ofSeconds(10)).until(() -> queueLines(dir.resolve("queue.log")).stream()
          .filter(line -> line.get("action").asText().equals("complete")).count() == 3);
      assertThat(daemon.terminate(Duration.ofSeconds(30))).isZero();
    }

    List<JsonNode> queue = queueLines(dir.resolve("queue.log"));
    assertThat(queue).allSatisfy(line -> {
      assertThat(line.fieldNames()).toIterable().containsExactlyElementsOf(QUEUE_FIELDS);
      assertThat(line.get("tag").asText()).isEqualTo("jobs");
      assertThat(OffsetDateTime.parse(line.get("created_at").asText())).isNotNull();
    });
    assertThat(queue).extracting(line -> line.get("category").asText() + " " + line.get("action").asText()
        + " " + line.get("status").asText() + " " + line.get("level").asText())
        .containsExactlyInAnyOrder("ok push claimed info", "retry push claimed info",
            "doomed push claimed info", "ok complete success info", "retry retry failure info",
            "retry complete success info", "doomed complete permanent-failure warn");
    assertThat(queue).filteredOn(line -> line.get("category").asText().equals("ok"))
        .allSatisfy(line -> assertThat(line.get("payload").get("n").asInt()).isEqualTo(1));

    List<JsonNode> access = jsonLines(dir.resolve("access.log"));
    assertThat(access).hasSizeGreaterThanOrEqualTo(3).allSatisfy(line -> {
      assertThat(line.fieldNames()).toIterable().containsExactlyElementsOf(ACCESS_FIELDS);
      assertThat(line.get("tag").asText()).isEqualTo("api");
    });
    assertThat(access).filteredOn(line -> line.get("method").asText().equals("POST"))
        .extracting(line -> line.get("path").asText() + " " + line.get("status").asInt())
        .containsExactlyInAnyOrder("/job/ok 200", "/job/retry 200", "/job/doomed 200");

    List<JsonNode> errors = jsonLines(dir.resolve("error.log"));
    assertThat(errors).isNotEmpty().allSatisfy(line ->
        assertThat(line.fieldNames()).toIterable().contains("time", "level", "logger", "message"));
    assertThat(errors).anySatisfy(line -> assertThat(line.get("message").asText()).startsWith("Effective configuration"));
  }

  @Test
  void levels_filter_the_queue_and_error_logs() throws Exception {
    Map<String, String> env = logFiles();
    env.put("MIDDLEMAN_QUEUE_LOG_LEVEL", "warn");
    env.put("MIDDLEMAN_ERROR_LOG_LEVEL", "3");
    try (MiddlemanProcess daemon = MiddlemanProcess.start(dir, env, "--queue-default=default")) {
      worker.script("/doomed", Reply.permanentFailure("no"));
      daemon.push("ok", "{\"url\":\"" + worker.url("/ok") + "\"}");
      daemon.push("doomed", "{\"url\":\"" + worker.url("/doomed") + "\"}");
      await().atMost(Duration.ofSeconds(10)).until(() -> queueLines(dir.resolve("queue.log")).size() == 1);
      assertThat(daemon.terminate(Duration.ofSeconds(30))).isZero();
    }

    assertThat(queueLines(dir.resolve("queue.log"))).singleElement().satisfies(line -> {
      assertThat(line.get("category").asText()).isEqualTo("doomed");
      assertThat(line.get("level").asText()).isEqualTo("warn");
    });
    assertThat(jsonLines(dir.resolve("error.log")))
        .allSatisfy(line -> assertThat(line.get("level").asText()).isEqualTo("error"));
  }

  @Test
  void logrotate_and_sigusr1_under_a_push_loop_lose_no_queue_log_line() throws Exception {
    Path pidFile = dir.resolve("middleman.pid");
    Map<String, String> env = logFiles();
    env.put("MIDDLEMAN_PID", pidFile.toString());
    Path config = writeLogrotateConfig(pidFile);
    int jobs = 300;
    try (MiddlemanProcess daemon = MiddlemanProcess.start(dir, env, "--queue-default=default")) {
      List<String> pushFailures = new java.util.concurrent.CopyOnWriteArrayList<>();
      Thread pusher = Thread.ofPlatform().start(() -> {
        for (int i = 0; i < jobs; i++) {
          try {
            daemon.push("rotate", "{\"url\":\"" + worker.url("/rotate") + "\",\"payload\":" + i + "}");
          } catch (IOException | AssertionError e) {
            pushFailures.add(e.toString());
          }
        }
      });
      for (int rotation = 0; rotation < 3 && pusher.isAlive(); rotation++) {
        int before = worker.requests("/rotate").size();
        await().atMost(Duration.ofSeconds(20))
            .until(() -> worker.requests("/rotate").size() >= before + 40 || !pusher.isAlive());
        logrotate(config);
      }
      pusher.join(Duration.ofSeconds(60));
      assertThat(pushFailures).isEmpty();
      await().atMost(Duration.ofSeconds(20)).until(() -> completedIds(allQueueLines()).size(), equalTo(jobs));
      assertThat(daemon.terminate(Duration.ofSeconds(30))).isZero();
    }

    try (Stream<Path> files = Files.list(dir)) {
      assertThat(files.map(path -> path.getFileName().toString()))
          .as("logrotate rotated the queue log").contains("queue.log.1");
    }
    List<JsonNode> lines = allQueueLines();
    Set<Long> pushed = idsOf(lines, "push");
    assertThat(pushed).hasSize(jobs);
    assertThat(completedIds(lines)).isEqualTo(pushed);
  }

  @Test
  void the_error_log_on_standard_error_is_coloured_on_a_terminal_and_plain_otherwise() throws Exception {
    try (java.net.ServerSocket taken = new java.net.ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
      String bind = "--bind=127.0.0.1:" + taken.getLocalPort(); // taken: the daemon logs its start, then exits
      // script(1) runs the daemon on a pseudo-terminal, as when an operator starts it by hand.
      Process onTerminal = new ProcessBuilder("script", "-qec", MiddlemanProcess.java() + " -jar "
          + Path.of(MiddlemanProcess.JAR).toAbsolutePath() + " " + bind, "/dev/null")
          .redirectErrorStream(true).start();
      String terminalOutput = new String(onTerminal.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      assertThat(onTerminal.waitFor(30, java.util.concurrent.TimeUnit.SECONDS)).isTrue();

      try (MiddlemanProcess redirected = MiddlemanProcess.launch(dir, Map.of(), bind)) {
        redirected.awaitExit(Duration.ofSeconds(30));
        assertThat(redirected.stderrText()).contains("Effective configuration").doesNotContain("\u001b[");
      }
      assertThat(terminalOutput).contains("Effective configuration", "\u001b[");
    }
  }

  private Map<String, String> logFiles() {
    return env("MIDDLEMAN_ERROR_LOG", dir.resolve("error.log").toString(),
        "MIDDLEMAN_ACCESS_LOG", dir.resolve("access.log").toString(),
        "MIDDLEMAN_QUEUE_LOG", dir.resolve("queue.log").toString());
  }

  /** The rotation set-up of docs/production.md, pointed at this test's folder. */
  private Path writeLogrotateConfig(Path pidFile) throws IOException {
    Path config = dir.resolve("logrotate.conf");
    Files.writeString(config, """
        %1$s/queue.log %1$s/access.log %1$s/error.log {
            rotate 7
            missingok
            notifempty
            nocompress
            sharedscripts
            postrotate
                [ -s %2$s ] && kill -USR1 "$(cat %2$s)"
            endscript
        }
        """.formatted(dir, pidFile));
    return config;
  }

  private void logrotate(Path config) throws IOException, InterruptedException {
    Process process = new ProcessBuilder("logrotate", "--force", "--state",
        dir.resolve("logrotate.state").toString(), config.toString())
        .redirectErrorStream(true).start();
    String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(process.waitFor()).as("logrotate: %s", output).isZero();
  }

  private List<JsonNode> allQueueLines() throws IOException {
    List<JsonNode> lines = new ArrayList<>();
    try (Stream<Path> files = Files.list(dir)) {
      for (Path file : files.filter(path -> path.getFileName().toString().startsWith("queue.log")).toList()) {
        lines.addAll(queueLines(file));
      }
    }
    return lines;
  }

  private static Set<Long> completedIds(List<JsonNode> lines) {
    return idsOf(lines, "complete");
  }

  private static Set<Long> idsOf(List<JsonNode> lines, String action) {
    return lines.stream().filter(line -> line.get("action").asText().equals(action))
        .map(line -> line.get("id").asLong()).collect(Collectors.toCollection(TreeSet::new));
  }

  private static List<JsonNode> queueLines(Path file) throws IOException {
    return jsonLines(file);
  }

  /** Every finished line of the file, each of which must be one JSON object. */
  private static List<JsonNode> jsonLines(Path file) throws IOException {
    if (!Files.exists(file)) {
      return List.of();
    }
    String text = Files.readString(file, StandardCharsets.UTF_8);
    List<JsonNode> nodes = new ArrayList<>();
    for (String line : text.substring(0, text.lastIndexOf('\n') + 1).lines().toList()) {
      JsonNode node = JSON.readTree(line);
      assertThat(node.isObject()).as("a JSON object: %s", line).isTrue();
      nodes.add(node);
    }
    return nodes;
  }
}
