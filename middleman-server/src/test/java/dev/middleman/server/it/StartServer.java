package dev.middleman.server.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/** Server::Starter's {@code start_server} running the packaged jar on a free loopback port. */
final class StartServer implements AutoCloseable {

  private final Process process;
  private final Path status;
  private final int port;

  private StartServer(Process process, Path status, int port) {
    this.process = process;
    this.status = status;
    this.port = port;
  }

  static StartServer start(Path dir, Map<String, String> env, String... args) throws IOException {
    int port = MiddlemanProcess.freePort();
    Path status = dir.resolve("start_server.status");
    List<String> command = new ArrayList<>(List.of("start_server", "--port=127.0.0.1:" + port,
        "--status-file=" + status, "--interval=2", "--",
        MiddlemanProcess.java(), "-jar", Path.of(MiddlemanProcess.JAR).toAbsolutePath().toString()));
    command.addAll(List.of(args));
    ProcessBuilder builder = new ProcessBuilder(command);
    builder.environment().keySet().removeIf(name -> name.startsWith("MIDDLEMAN_")
        || name.equals("SERVER_STARTER_PORT"));
    builder.environment().putAll(env);
    builder.redirectErrorStream(true).redirectOutput(dir.resolve("start_server.log").toFile());
    return new StartServer(builder.start(), status, port);
  }

  int port() {
    return port;
  }

  /** Waits until the first daemon answers on the socket start_server holds. */
  void awaitServing() {
    daemon(1);
    await().atMost(Duration.ofSeconds(60)).ignoreExceptions()
        .until(() -> MiddlemanProcess.get(port, "/version").statusCode() == 200);
  }

  /** The pid of a generation of daemons (1 for the first), once start_server reports it. */
  long daemon(int generation) {
    return await().atMost(Duration.ofSeconds(60)).until(() -> pidOrZero(generation), pid -> pid != 0);
  }

  /** Asks start_server for a graceful restart and waits until the old daemon is gone. */
  long restart(int newGeneration) throws IOException, InterruptedException {
    long old = daemon(newGeneration - 1);
    assertThat(new ProcessBuilder("kill", "-HUP", Long.toString(process.pid())).start().waitFor()).isZero();
    long fresh = daemon(newGeneration);
    await().atMost(Duration.ofSeconds(60))
        .until(() -> ProcessHandle.of(old).map(ProcessHandle::isAlive).orElse(false) == false);
    return fresh;
  }

  private long pidOrZero(int generation) throws IOException {
    if (!Files.exists(status)) {
      return 0;
    }
    return Files.readAllLines(status).stream()
        .filter(line -> line.startsWith(generation + ":"))
        .mapToLong(line -> Long.parseLong(line.substring(line.indexOf(':') + 1).trim()))
        .findFirst().orElse(0);
  }

  /** Stops start_server, which stops its daemon, and returns its exit status. */
  int stop() throws InterruptedException {
    process.destroy();
    assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
    return process.exitValue();
  }

  /**
   * Stops start_server and its daemons even when the test failed: a daemon left running would stay
   * primary on the test database and take the next tests' jobs.
   */
  @Override
  public void close() throws InterruptedException {
    if (!process.isAlive()) {
      return;
    }
    List<ProcessHandle> daemons = process.descendants().toList();
    process.destroy();
    if (!process.waitFor(30, TimeUnit.SECONDS)) {
      process.destroyForcibly();
    }
    for (ProcessHandle daemon : daemons) {
      daemon.destroy();
      daemon.onExit().completeOnTimeout(daemon, 30, TimeUnit.SECONDS).join();
      daemon.destroyForcibly();
    }
  }
}
