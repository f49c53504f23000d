package dev.middleman.server.it;

import static dev.middleman.server.it.MiddlemanProcess.env;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Queue names the daemon must refuse, sent through its HTTP API to a MySQL-backed daemon. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class BadQueueNamesIT {

  private static final ObjectMapper JSON = new ObjectMapper();

  private MiddlemanProcess daemon;
  private TestUserConnection database;

  @BeforeAll
  void start(@TempDir Path dir) throws Exception {
    daemon = MiddlemanProcess.start(dir, env("MIDDLEMAN_MYSQL_DSN", TestDatabase.dsn()));
    database = TestUserConnection.open();
  }

  @AfterAll
  void stop() throws Exception {
    if (database != null) {
      database.close();
    }
    if (daemon != null) {
      daemon.close();
    }
  }

  /** Path segments as sent on the wire. */
  @ParameterizedTest
  @ValueSource(strings = {
      "a%3BDROP%20TABLE%20x", // "a;DROP TABLE x", the semicolon escaped
      "a;DROP%20TABLE%20x", // the semicolon as it is, which Undertow's own path parsing cuts off
      "x%60%3B%20DROP%20TABLE%20mm_queue%3B%20--", // a backtick, to break out of quoting
      "it%27%20OR%20%271%27%3D%271",
      "qqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqq", // 65 characters
      "caf%C3%A9", // "café"
      "%E3%82%AD%E3%83%A5%E3%83%BC", // "キュー"
      "a~b", // not allowed, and the election's hashed lock names rely on it
  })
  void refuses_the_name_with_400_and_creates_nothing(String segment) throws Exception {
    Set<String> queuesBefore = queueNames();
    Set<String> tablesBefore = database.tables();

    HttpResponse<String> response = daemon.put("/queue/" + segment, "{\"max_workers\":1}");

    assertThat(response.statusCode()).as("PUT /queue/%s: %s", segment, response.body()).isEqualTo(400);
    JsonNode error = JSON.readTree(response.body());
    assertThat(error.path("error").asText()).isNotEmpty();
    assertThat(error.path("detail").asText()).contains("must be 1 to 64 characters");
    assertThat(queueNames()).isEqualTo(queuesBefore);
    assertThat(database.tables()).isEqualTo(tablesBefore);
  }

  @Test
  void takes_a_name_of_64_characters_and_creates_its_tables() throws Exception {
    String name = (TestDatabase.freshQueue() + "-64.chars_").repeat(3).substring(0, 64);
    Set<String> tablesBefore = database.tables();

    HttpResponse<String> response = daemon.put("/queue/" + name, "{\"max_workers\":1}");

    assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
    assertThat(queueNames()).contains(name);
    assertThat(database.tables()).hasSizeGreaterThan(tablesBefore.size());
  }

  private Set<String> queueNames() throws Exception {
    HttpResponse<String> response = daemon.get("/queues");
    assertThat(response.statusCode()).isEqualTo(200);
    return StreamSupport.stream(JSON.readTree(response.body()).spliterator(), false)
        .map(queue -> queue.get("name").asText()).collect(Collectors.toSet());
  }
}
