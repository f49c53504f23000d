package dev.middleman.server.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The release archive, unpacked into an empty folder, runs with nothing else but a JDK. */
class ReleaseArchiveIT {

  private static final String ARCHIVE = System.getProperty("middleman.archive");

  @TempDir
  Path dir;

  private Path home;

  @BeforeEach
  void unpack() throws Exception {
    Process tar = new ProcessBuilder("tar", "xzf", ARCHIVE, "-C", dir.toString()).inheritIO().start();
    assertThat(tar.waitFor()).isZero();
    home = dir.resolve("middleman-" + MiddlemanProcess.VERSION);
  }

  @Test
  void holds_the_launcher_the_jar_the_license_the_readme_and_the_docs() {
    assertThat(home.resolve("middleman")).isExecutable();
    assertThat(home.resolve("middleman.jar")).isRegularFile();
    assertThat(home.resolve("LICENSE")).content().contains("Apache License");
    assertThat(home.resolve("README.md")).isRegularFile();
    assertThat(home.resolve("docs/config.md")).isRegularFile();
    assertThat(home.resolve("docs/production.md")).isRegularFile();
  }

  @Test
  void the_launcher_prints_the_version_of_the_archive_name() throws Exception {
    Result result = run(Map.of("JAVA_HOME", javaHome()), "--version");

    assertThat(result.status()).isZero();
    assertThat(result.output().strip()).isEqualTo("middleman " + MiddlemanProcess.VERSION);
  }

  @Test
  void the_launcher_says_clearly_when_no_java_is_found() throws Exception {
    Result result = run(Map.of("PATH", "/nonexistent"), "--help");

    assertThat(result.status()).isNotZero();
    assertThat(result.output()).contains("no Java found", "Java 21 or newer");
  }

  @Test
  void the_launcher_refuses_a_java_home_without_a_java_rather_than_falling_back() throws Exception {
    Result result = run(Map.of("JAVA_HOME", "/nonexistent"), "--version");

    assertThat(result.status()).isNotZero();
    assertThat(result.output()).contains("JAVA_HOME is /nonexistent", "no /nonexistent/bin/java");
  }

  @Test
  void the_launcher_execs_the_jvm_so_the_daemon_has_its_pid_and_gets_its_signals() throws Exception {
    Path pidFile = dir.resolve("daemon.pid");
    ProcessBuilder builder = launcher(Map.of("JAVA_HOME", javaHome(),
        "MIDDLEMAN_PID", pidFile.toString(), "MIDDLEMAN_JAVA_OPTS", "-Xmx64m -Dmiddleman.test=1",
        "MIDDLEMAN_BIND", "127.0.0.1:" + MiddlemanProcess.freePort()));
    builder.redirectOutput(dir.resolve("out.log").toFile()).redirectError(dir.resolve("err.log").toFile());
    Process launcher = builder.start();
    try {
      await().atMost(Duration.ofSeconds(30)).until(() -> Files.exists(pidFile));

      assertThat(Files.readString(pidFile).strip()).isEqualTo(Long.toString(launcher.pid()));
      assertThat(ProcessHandle.of(launcher.pid()).flatMap(handle -> handle.info().arguments()))
          .hasValueSatisfying(arguments -> assertThat(arguments).contains("-Xmx64m", "-Dmiddleman.test=1"));

      launcher.destroy();
      assertThat(launcher.waitFor(30, TimeUnit.SECONDS)).isTrue();
      assertThat(launcher.exitValue()).isZero();
      assertThat(pidFile).doesNotExist();
    } finally {
      launcher.destroyForcibly();
    }
  }

  private record Result(int status, String output) {}

  private Result run(Map<String, String> env, String... args) throws IOException, InterruptedException {
    ProcessBuilder builder = launcher(env, args).redirectErrorStream(true);
    Process process = builder.start();
    String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    return new Result(process.waitFor(), output);
  }

  private ProcessBuilder launcher(Map<String, String> env, String... args) {
    List<String> command = new java.util.ArrayList<>(List.of("/bin/sh", home.resolve("middleman").toString()));
    command.addAll(List.of(args));
    ProcessBuilder builder = new ProcessBuilder(command).directory(dir.toFile());
    builder.environment().keySet().removeIf(name -> name.startsWith("MIDDLEMAN_") || name.equals("JAVA_HOME"));
    builder.environment().putAll(env);
    return builder;
  }

  private static String javaHome() {
    return Path.of(MiddlemanProcess.java()).getParent().getParent().toString();
  }
}
