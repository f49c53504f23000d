package dev.middleman.testkit.mysql;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * Stops and starts the test MySQL server through the control script named by {@code
 * MIDDLEMAN_TEST_MYSQL_CONTROL} ({@code .ci/mariadb}), for tests of outages.
 *
 * @param rootSocket the server's Unix socket for root ({@code MIDDLEMAN_TEST_MYSQL_ROOT_SOCKET}),
 *     or null when not given
 */
public record ServerControl(Path script, Path dataDirectory, int port, Path rootSocket) {

  private static final long SCRIPT_TIMEOUT_SECONDS = 90;

  static Optional<ServerControl> fromEnvironment() {
    String script = System.getenv("MIDDLEMAN_TEST_MYSQL_CONTROL");
    String dir = System.getenv("MIDDLEMAN_TEST_MYSQL_DIR");
    String port = System.getenv("MIDDLEMAN_TEST_MYSQL_PORT");
    if (script == null || dir == null || port == null) {
      return Optional.empty();
    }
    String socket = System.getenv("MIDDLEMAN_TEST_MYSQL_ROOT_SOCKET");
    return Optional.of(new ServerControl(Path.of(script), Path.of(dir), Integer.parseInt(port),
        socket == null ? null : Path.of(socket)));
  }

  /** Stops the server and returns once it is gone. */
  public void stop() {
    run(List.of(script.toString(), "stop", dataDirectory.toString()));
  }

  /** Starts the server and returns once it answers. */
  public void start() {
    run(List.of(script.toString(), "start", dataDirectory.toString(), String.valueOf(port)));
  }

  private static void run(List<String> command) {
    try {
      Process process = new ProcessBuilder(command).inheritIO().start();
      if (!process.waitFor(SCRIPT_TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
        process.destroyForcibly();
        throw new IllegalStateException(String.join(" ", command) + " did not finish in time");
      }
      if (process.exitValue() != 0) {
        throw new IllegalStateException(String.join(" ", command) + " exited " + process.exitValue());
      }
    } catch (IOException e) {
      throw new IllegalStateException("cannot run " + command.getFirst(), e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while running " + command.getFirst(), e);
    }
  }
}
