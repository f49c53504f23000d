package dev.middleman.server.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;

/**
 * Root on the test MariaDB, through its Unix socket ({@code MIDDLEMAN_TEST_MYSQL_ROOT_SOCKET}, as
 * .ci/run exports it) and the {@code mariadb} command-line client. Every statement a test sends is
 * its own text with numbers in it, never a value from the daemon under test taken as text.
 */
final class RootClient {

  private final Path socket;

  private RootClient(Path socket) {
    this.socket = socket;
  }

  /** The root client, or a failure under {@code CI=true} and a skip elsewhere when not given. */
  static RootClient fromEnvironment() {
    String socket = System.getenv("MIDDLEMAN_TEST_MYSQL_ROOT_SOCKET");
    if (socket == null || socket.isBlank()) {
      if ("true".equalsIgnoreCase(System.getenv("CI"))) {
        fail("MIDDLEMAN_TEST_MYSQL_ROOT_SOCKET is not set, and CI=true needs the root tests to run");
      }
      Assumptions.abort("MIDDLEMAN_TEST_MYSQL_ROOT_SOCKET is not set");
    }
    return new RootClient(Path.of(socket));
  }

  /** Cuts one connection from the server's side, as an operator's {@code KILL} does. */
  void kill(long connectionId) {
    query("KILL " + connectionId);
  }

  long globalLong(String variable) {
    assertThat(variable).matches("[a-z_]+");
    return Long.parseLong(query("SELECT @@GLOBAL." + variable).getFirst().getFirst());
  }

  void setGlobal(String variable, long value) {
    assertThat(variable).matches("[a-z_]+");
    query("SET GLOBAL " + variable + " = " + value);
  }

  /** Runs one statement and returns its rows, each as its tab-separated columns. */
  List<List<String>> query(String sql) {
    ProcessBuilder builder = new ProcessBuilder("mariadb", "--no-defaults", "--socket=" + socket,
        "-uroot", "--batch", "--skip-column-names", "-e", sql).redirectErrorStream(true);
    try {
      Process process = builder.start();
      String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      assertThat(process.waitFor(30, TimeUnit.SECONDS)).as("mariadb -e %s finished", sql).isTrue();
      assertThat(process.exitValue()).as("mariadb -e %s: %s", sql, output).isZero();
      return output.lines().map(line -> Arrays.asList(line.split("\t", -1))).toList();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while running mariadb", e);
    }
  }
}
