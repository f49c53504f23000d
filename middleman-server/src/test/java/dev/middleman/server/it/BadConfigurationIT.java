package dev.middleman.server.it;

import static dev.middleman.server.it.MiddlemanProcess.env;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** A bad value stops the packaged jar at once, with one line naming the setting and its value. */
class BadConfigurationIT {

  @TempDir
  Path dir;

  @ParameterizedTest
  @CsvSource(delimiter = '|', value = {
      "MIDDLEMAN_QUEUE_DEFAULT_MAX_WORKERS | abc                       | MIDDLEMAN_QUEUE_DEFAULT_MAX_WORKERS=abc",
      "MIDDLEMAN_BIND                      | nonsense                  | MIDDLEMAN_BIND=nonsense",
      "MIDDLEMAN_DRIVER                    | postgres                  | MIDDLEMAN_DRIVER=postgres",
      "MIDDLEMAN_SHUTDOWN_TIMEOUT          | soon                      | MIDDLEMAN_SHUTDOWN_TIMEOUT=soon",
      "MIDDLEMAN_MYSQL_DSN                 | app:s3cret@nowhere/jobs   | MIDDLEMAN_MYSQL_DSN=app:***@nowhere/jobs",
  })
  void exits_non_zero_with_one_line_naming_the_setting_and_value(String name, String value, String named)
      throws Exception {
    try (MiddlemanProcess daemon = MiddlemanProcess.launch(dir, env(name, value))) {
      assertThat(daemon.awaitExit(Duration.ofSeconds(20))).isNotZero();

      assertThat(daemon.stderrText().lines()).singleElement().asString()
          .startsWith("middleman: " + named + ": ")
          .doesNotContain("s3cret");
      assertThat(daemon.stdoutText()).isEmpty();
    }
  }

  @ParameterizedTest
  @CsvSource(delimiter = '|', value = {
      "--queue-default-max-workers=abc | --queue-default-max-workers=abc",
      "--bind=nonsense                 | --bind=nonsense",
  })
  void names_the_flag_when_the_bad_value_came_from_a_flag(String flag, String named) throws Exception {
    try (MiddlemanProcess daemon = MiddlemanProcess.launch(dir, Map.of(), flag)) {
      assertThat(daemon.awaitExit(Duration.ofSeconds(20))).isNotZero();

      assertThat(daemon.stderrText().lines()).singleElement().asString()
          .startsWith("middleman: " + named + ": ");
    }
  }
}
