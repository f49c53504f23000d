package dev.middleman.mysql;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.middleman.core.InvalidRequestException;
import dev.middleman.core.model.Completion;
import dev.middleman.core.model.Job;
import dev.middleman.core.model.NewJob;
import dev.middleman.core.model.QueueDefinition;
import dev.middleman.core.model.Routing;
import dev.middleman.core.spi.JobStore;
import dev.middleman.core.spi.JobStore.Enqueue;
import dev.middleman.core.spi.Lease;
import dev.middleman.core.spi.StorageUnavailableException;
import dev.middleman.testkit.mysql.MysqlFixture;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The MySQL driver's own promises beyond the conformance suite, on a real server. */
class MysqlStorageTest {

  @RegisterExtension static final MysqlFixture mysql = new MysqlFixture();
  private static final String URL = "http://127.0.0.1:9/worker";
  private static final long NOW = 1_700_000_000_000L;

  private Dsn dsn;
  private DriverWithElection storage;

  @BeforeEach
  void open() {
    dsn = Dsn.parse(mysql.dsn());
    storage = DriverWithElection.open(dsn, 4);
  }

  @AfterEach
  void close() {
    storage.close();
  }

  @Test
  void a_job_larger_than_the_servers_packet_limit_is_refused_as_bad_input_and_nothing_is_stored()
      throws SQLException {
    long packetLimit;
    try (Connection connection = mysql.connect(); Statement statement = connection.createStatement();
        ResultSet row = statement.executeQuery("SELECT @@max_allowed_packet")) {
      row.next();
      packetLimit = row.getLong(1);
    }
    String payload = "\"" + "x".repeat((int) packetLimit) + "\"";
    JobStore jobs = storage.jobs();
    jobs.prepareQueue("big");

    assertThatThrownBy(() -> jobs.push(List.of(new Enqueue("big", NewJob.of("c", URL, payload))), NOW))
        .isInstanceOf(InvalidRequestException.class)
        .hasMessageContaining("max_allowed_packet");
    assertThat(jobs.countJobs("big")).isZero();
  }

  @Test
  void a_lease_whose_lock_is_held_by_another_connection_grabs_nothing() {
    JobStore jobs = storage.jobs();
    jobs.push(List.of(new Enqueue("fenced", NewJob.of("c", URL, null))), NOW);
    Lease real = storage.election().tryAcquire("fenced", "node-a").orElseThrow();
    MysqlLease stale = new MysqlLease("fenced", "node-b", GetLockElection.lockName("fenced"),
        ((MysqlLease) real).connectionId() + 1_000_000, () -> true);

    assertThat(jobs.grab("fenced", 10, NOW, stale)).isEmpty();
    assertThat(jobs.grab("fenced", 10, NOW, real)).hasSize(1);
  }

  @Test
  void a_lease_whose_lock_is_free_grabs_nothing_even_if_the_node_believes_it_holds_it() {
    JobStore jobs = storage.jobs();
    jobs.push(List.of(new Enqueue("unlocked", NewJob.of("c", URL, null))), NOW);
    MysqlLease believed = new MysqlLease("unlocked", "node-a", GetLockElection.lockName("unlocked"), 1, () -> true);

    assertThat(jobs.grab("unlocked", 10, NOW, believed)).isEmpty();
    assertThat(jobs.countJobs("unlocked")).isEqualTo(1);
  }

  @Test
  void a_push_to_several_queues_is_one_transaction_with_ids_per_queue() {
    List<Job> pushed = storage.jobs().push(List.of(
        new Enqueue("left", NewJob.of("c", URL, "1")),
        new Enqueue("right", NewJob.of("c", URL, "2")),
        new Enqueue("left", NewJob.of("c", URL, "3"))), NOW);

    assertThat(pushed).extracting(Job::queue).containsExactly("left", "right", "left");
    assertThat(pushed.get(2).id()).isGreaterThan(pushed.get(0).id());
    assertThat(pushed).extracting(Job::payload).containsExactly("1", "2", "3");
    assertThat(storage.jobs().countJobs("left")).isEqualTo(2);
  }

  @Test
  void concurrent_pushes_to_one_queue_each_get_the_ids_of_their_own_jobs() throws Exception {
    JobStore jobs = storage.jobs();
    int pushers = 64;
    List<Future<List<Job>>> pushes = new ArrayList<>();
    try (ExecutorService callers = Executors.newVirtualThreadPerTaskExecutor()) {
      for (int p = 0; p < pushers; p++) {
        String payload = "{\"pusher\":" + p + "}";
        List<Enqueue> batch = List.of(new Enqueue("coalesced", NewJob.of("c", URL, payload)),
            new Enqueue("coalesced", NewJob.of("c", URL, payload)));
        pushes.add(callers.submit(() -> jobs.push(batch, NOW)));
      }
    }
    List<Long> ids = new ArrayList<>();
    for (int p = 0; p < pushers; p++) {
      for (Job pushed : pushes.get(p).get()) {
        ids.add(pushed.id());
        assertThat(storage.inspection().orElseThrow().job("coalesced", pushed.id()))
            .get().extracting(Job::payload).isEqualTo("{\"pusher\":" + p + "}");
      }
    }
    assertThat(ids).doesNotHaveDuplicates().hasSize(2 * pushers);
    assertThat(jobs.countJobs("coalesced")).isEqualTo(2L * pushers);
  }

  @Test
  void concurrent_successes_delete_their_jobs_and_a_job_already_gone_reports_false() throws Exception {
    JobStore jobs = storage.jobs();
    List<Enqueue> many = Collections.nCopies(40, new Enqueue("finishing", NewJob.of("c", URL, null)));
    jobs.push(many, NOW);
    Lease lease = storage.election().tryAcquire("finishing", "node-a").orElseThrow();
    List<Job> grabbed = jobs.grab("finishing", 40, NOW, lease);
    assertThat(grabbed).hasSize(40);
    Job deletedByOperator = grabbed.getFirst();
    assertThat(storage.inspection().orElseThrow().deleteJob("finishing", deletedByOperator.id())).isTrue();

    List<Future<Boolean>> completions = new ArrayList<>();
    try (ExecutorService workers = Executors.newVirtualThreadPerTaskExecutor()) {
      for (Job job : grabbed) {
        completions.add(workers.submit(() -> jobs.complete(job, new Completion.Succeeded())));
      }
    }
    assertThat(completions.getFirst().get()).isFalse();
    for (Future<Boolean> completion : completions.subList(1, completions.size())) {
      assertThat(completion.get()).isTrue();
    }
    assertThat(jobs.countJobs("finishing")).isZero();
  }

  @Test
  void a_routing_for_a_category_too_long_to_be_a_key_is_refused_as_bad_input() {
    storage.definitions().saveQueue(new QueueDefinition("q", 200, 20, null));
    long revision = storage.definitions().revision();

    assertThatThrownBy(() -> storage.definitions().saveRouting(new Routing("c".repeat(769), "q")))
        .isInstanceOf(InvalidRequestException.class)
        .hasMessageContaining("768");
    assertThat(storage.definitions().revision()).isEqualTo(revision);
    assertThat(storage.definitions().saveRouting(new Routing("c".repeat(768), "q")).jobCategory())
        .hasSize(768);
  }

  @Test
  void two_nodes_grabbing_one_queue_at_once_never_take_the_same_job() throws Exception {
    int total = 200;
    for (int i = 0; i < total; i++) {
      storage.jobs().push(List.of(new Enqueue("shared", NewJob.of("c", URL, null))), NOW);
    }
    Lease lease = storage.election().tryAcquire("shared", "node-a").orElseThrow();
    List<Long> grabbed = Collections.synchronizedList(new ArrayList<>());
    try (MysqlStorage otherNode = MysqlStorage.open(dsn, dsn, 2);
        ExecutorService threads = Executors.newFixedThreadPool(2)) {
      List<Future<?>> grabbers = new ArrayList<>();
      for (JobStore node : List.of(storage.jobs(), otherNode.jobs())) {
        grabbers.add(threads.submit(() -> {
          List<Job> batch;
          do {
            batch = node.grab("shared", 5, NOW, lease);
            batch.forEach(job -> grabbed.add(job.id()));
          } while (!batch.isEmpty());
        }));
      }
      for (Future<?> grabber : grabbers) {
        grabber.get();
      }
    }

    assertThat(grabbed).hasSize(total).doesNotHaveDuplicates();
  }

  @Test
  void bad_queue_names_never_reach_sql() throws SQLException {
    int tablesBefore = tableCount();
    JobStore jobs = storage.jobs();
    for (String name : List.of("a;DROP TABLE x", "q".repeat(65), "caf\u00e9", "a`b", "")) {
      assertThatThrownBy(() -> jobs.prepareQueue(name)).isInstanceOf(InvalidRequestException.class);
      assertThatThrownBy(() -> jobs.push(List.of(new Enqueue(name, NewJob.of("c", URL, null))), NOW))
          .isInstanceOf(InvalidRequestException.class);
      assertThatThrownBy(() -> jobs.countJobs(name)).isInstanceOf(InvalidRequestException.class);
      assertThatThrownBy(() -> storage.inspection().orElseThrow().job(name, 1))
          .isInstanceOf(InvalidRequestException.class);
    }

    assertThat(tableCount()).isEqualTo(tablesBefore);
  }

  @Test
  void names_with_dots_dashes_capitals_and_64_characters_work_end_to_end() {
    JobStore jobs = storage.jobs();
    for (String name : List.of("mail.send-v2", "Q" + "x".repeat(62) + "Z")) {
      Job pushed = jobs.push(List.of(new Enqueue(name, NewJob.of("c", URL, null))), NOW).getFirst();

      assertThat(jobs.countJobs(name)).isEqualTo(1);
      assertThat(storage.inspection().orElseThrow().job(name, pushed.id())).contains(pushed);
    }
    assertThat(jobs.countJobs(("Q" + "x".repeat(62) + "Z").toLowerCase())).isZero();
  }

  @Test
  void several_daemons_starting_at_once_all_get_a_working_schema() throws Exception {
    String queue = "started-" + System.nanoTime();
    List<MysqlStorage> opened = new ArrayList<>();
    try (ExecutorService threads = Executors.newFixedThreadPool(4)) {
      List<Future<MysqlStorage>> starts = new ArrayList<>();
      for (int i = 0; i < 4; i++) {
        starts.add(threads.submit(() -> {
          MysqlStorage node = MysqlStorage.open(dsn, dsn, 2);
          node.jobs().prepareQueue(queue);
          return node;
        }));
      }
      for (Future<MysqlStorage> start : starts) {
        opened.add(start.get());
      }
    } finally {
      opened.forEach(MysqlStorage::close);
    }

    assertThat(opened).hasSize(4);
    assertThat(storage.jobs().countJobs(queue)).isZero();
  }

  @Test
  void a_dsn_copied_from_a_go_setup_connects() {
    Dsn goStyle = Dsn.parse(mysql.dsn() + "?parseTime=true&loc=Local&charset=utf8mb4&timeout=3s");

    try (MysqlStorage node = MysqlStorage.open(goStyle, goStyle, 1)) {
      assertThat(node.definitions().queues()).isEmpty();
    }
  }

  @Test
  void opening_a_server_that_is_not_there_fails_at_once_without_the_password() {
    Dsn nowhere = new Dsn("middleman", "hunter2", "127.0.0.1", 1, "middleman_test", Map.of());
    long started = System.nanoTime();

    assertThatThrownBy(() -> MysqlStorage.open(nowhere, nowhere, 2))
        .isInstanceOf(StorageUnavailableException.class)
        .hasMessageContaining("127.0.0.1:1")
        .hasMessageNotContaining("hunter2");
    assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(5));
  }

  @Test
  void a_daemon_refuses_tables_migrated_by_a_newer_version() throws SQLException {
    try (Connection connection = mysql.connect(); Statement statement = connection.createStatement()) {
      statement.executeUpdate("UPDATE mm_schema SET version = 99 WHERE part = 'definitions'");
    }

    assertThatThrownBy(() -> MysqlStorage.open(dsn, dsn, 1))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("schema version 99");
  }

  @Test
  void reports_healthy_while_the_server_answers() {
    assertThat(storage.isHealthy()).isTrue();
  }

  private static int tableCount() throws SQLException {
    try (Connection connection = mysql.connect(); Statement statement = connection.createStatement();
        ResultSet row = statement.executeQuery(
            "SELECT COUNT(*) FROM information_schema.TABLES WHERE TABLE_SCHEMA = DATABASE()")) {
      row.next();
      return row.getInt(1);
    }
  }
}
