package dev.middleman.server.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * The packaged jar running as its own process, on a free loopback port, with its standard output
 * and error captured in files.
 */
final class MiddlemanProcess implements AutoCloseable {

  static final String JAR = System.getProperty("middleman.jar", "target/middleman.jar");
  static final String VERSION = System.getProperty("middleman.version");
  private static final HttpClient HTTP = HttpClient.newBuilder()
      .connectTimeout(Duration.ofSeconds(5)).build();

  private final Process process;
  private final int port;
  private final Path stdout;
  private final Path stderr;

  private MiddlemanProcess(Process process, int port, Path stdout, Path stderr) {
    this.process = process;
    this.port = port;
    this.stdout = stdout;
    this.stderr = stderr;
  }

  /** The java running this test, so the daemon runs on the same JDK. */
  static String java() {
    return ProcessHandle.current().info().command().orElseThrow();
  }

  static int freePort() {
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      return socket.getLocalPort();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Starts the jar on a free port (unless env sets MIDDLEMAN_BIND) without waiting for it. */
  static MiddlemanProcess launch(Path dir, Map<String, String> env, String... args) {
    int port = freePort();
    List<String> command = new ArrayList<>(List.of(java(), "-jar", Path.of(JAR).toAbsolutePath().toString()));
    command.addAll(List.of(args));
    ProcessBuilder builder = new ProcessBuilder(command);
    Map<String, String> environment = builder.environment();
    environment.keySet().removeIf(name -> name.startsWith("MIDDLEMAN_") || name.equals("DEBUG")
        || name.equals("SERVER_STARTER_PORT"));
    environment.put("MIDDLEMAN_BIND", "127.0.0.1:" + port);
    environment.putAll(env);
    Path out = dir.resolve("stdout-" + port + ".log");
    Path err = dir.resolve("stderr-" + port + ".log");
    builder.redirectOutput(out.toFile()).redirectError(err.toFile());
    try {
      return new MiddlemanProcess(builder.start(), port, out, err);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Starts the jar and waits until it answers {@code GET /version}. */
  static MiddlemanProcess start(Path dir, Map<String, String> env, String... args) {
    MiddlemanProcess daemon = launch(dir, env, args);
    daemon.awaitReady();
    return daemon;
  }

  void awaitReady() {
    await("Middleman answering on port " + port).atMost(Duration.ofSeconds(30))
        .pollInterval(Duration.ofMillis(100))
        .until(() -> {
          assertThat(process.isAlive()).as("daemon alive; stderr: %s", stderrText()).isTrue();
          return answers();
        });
  }

  private boolean answers() {
    try {
      return get("/version").statusCode() == 200;
    } catch (IOException e) {
      return false;
    }
  }

  HttpResponse<String> get(String path) throws IOException {
    return send(HttpRequest.newBuilder(uri(path)).GET());
  }

  HttpResponse<String> post(String path, String json) throws IOException {
    return send(HttpRequest.newBuilder(uri(path)).header("Content-Type", "application/json")
        .POST(HttpRequest.BodyPublishers.ofString(json, StandardCharsets.UTF_8)));
  }

  /** {@code path} is sent as it is: escape what must be escaped. */
  HttpResponse<String> put(String path, String json) throws IOException {
    return send(HttpRequest.newBuilder(uri(path)).header("Content-Type", "application/json")
        .PUT(HttpRequest.BodyPublishers.ofString(json, StandardCharsets.UTF_8)));
  }

  /** Pushes a job and checks it was stored. */
  void push(String category, String json) throws IOException {
    HttpResponse<String> response = post("/job/" + category, json);
    assertThat(response.statusCode()).as("push answered %s", response.body()).isEqualTo(200);
  }

  static HttpResponse<String> get(int port, String path) throws IOException {
    return send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path)).GET());
  }

  /** Removes a queue definition, so tests sharing a database leave none behind. */
  static void deleteQueue(int port, String queue) throws IOException {
    send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/queue/" + queue)).DELETE());
  }

  private static HttpResponse<String> send(HttpRequest.Builder request) throws IOException {
    try {
      return HTTP.send(request.timeout(Duration.ofSeconds(10)).build(),
          HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException(e);
    }
  }

  private URI uri(String path) {
    return URI.create("http://127.0.0.1:" + port + path);
  }

  long pid() {
    return process.pid();
  }

  int port() {
    return port;
  }

  boolean isAlive() {
    return process.isAlive();
  }

  /** Sends a signal by name, such as {@code USR1}, with the system's kill. */
  void signal(String name) throws IOException, InterruptedException {
    int status = new ProcessBuilder("kill", "-" + name, Long.toString(pid())).inheritIO().start().waitFor();
    assertThat(status).as("kill -%s", name).isZero();
  }

  /** Sends SIGTERM (Process.destroy does) and returns the exit status. */
  int terminate(Duration within) throws InterruptedException {
    process.destroy();
    return awaitExit(within);
  }

  int awaitExit(Duration within) throws InterruptedException {
    assertThat(process.waitFor(within.toMillis(), TimeUnit.MILLISECONDS))
        .as("exited within %s; stderr: %s", within, stderrText()).isTrue();
    return process.exitValue();
  }

  String stdoutText() {
    return read(stdout);
  }

  String stderrText() {
    return read(stderr);
  }

  private static String read(Path file) {
    try {
      return Files.readString(file, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static Map<String, String> env(String... pairs) {
    Map<String, String> env = new HashMap<>();
    for (int i = 0; i < pairs.length; i += 2) {
      env.put(pairs[i], pairs[i + 1]);
    }
    return env;
  }

  @Override
  public void close() {
    if (process.isAlive()) {
      process.destroyForcibly();
    }
  }
}
