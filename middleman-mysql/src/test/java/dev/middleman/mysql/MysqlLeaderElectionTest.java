package dev.middleman.mysql;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.middleman.core.spi.LeaderElection.Primary;
import dev.middleman.core.spi.Lease;
import dev.middleman.testkit.mysql.MysqlFixture;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Two nodes, each with its own election, competing on one real MariaDB. */
class MysqlLeaderElectionTest {

  @RegisterExtension static final MysqlFixture mysql = new MysqlFixture();

  private static final String LONGEST = "q".repeat(63);

  private DedicatedConnectionSource source;
  private final List<MysqlLeaderElection> opened = new ArrayList<>();
  private MysqlLeaderElection nodeA;
  private MysqlLeaderElection nodeB;

  @BeforeEach
  void openTwoNodes() {
    source = ElectionDatabase.source(mysql);
    nodeA = open();
    nodeB = open();
  }

  @AfterEach
  void closeNodes() {
    opened.forEach(MysqlLeaderElection::close);
  }

  @Test
  void only_one_of_two_nodes_wins_a_queue() {
    Optional<Lease> a = nodeA.tryAcquire("mail", "a");
    Optional<Lease> b = nodeB.tryAcquire("mail", "b");

    assertThat(a).isPresent();
    assertThat(a.get().isHeld()).isTrue();
    assertThat(b).isEmpty();
    assertThat(nodeB.tryAcquire("other", "b")).isPresent();
  }

  @Test
  void a_released_queue_goes_to_the_next_node_that_tries() {
    Lease a = nodeA.tryAcquire("mail", "a").orElseThrow();

    nodeA.release(a);

    assertThat(a.isHeld()).isFalse();
    assertThat(nodeB.tryAcquire("mail", "b")).isPresent();
  }

  @Test
  void a_lease_reads_not_held_within_a_second_of_its_lock_connection_being_killed() throws SQLException {
    MysqlLease a = (MysqlLease) nodeA.tryAcquire("mail", "a").orElseThrow();

    ElectionDatabase.kill(mysql, a.connectionId());

    await().atMost(Duration.ofMillis(1200)).pollInterval(Duration.ofMillis(20))
        .until(() -> !a.isHeld());
  }

  @Test
  void a_node_cut_from_its_lock_connection_keeps_the_queue_until_it_releases_its_lost_lease()
      throws SQLException {
    MysqlLease a = (MysqlLease) nodeA.tryAcquire("mail", "a").orElseThrow();
    ElectionDatabase.kill(mysql, a.connectionId());
    await().until(() -> !a.isHeld());

    await().during(Duration.ofMillis(1500)).atMost(Duration.ofSeconds(3))
        .until(() -> nodeB.tryAcquire("mail", "b").isEmpty());

    nodeA.release(a);
    assertThat(nodeB.tryAcquire("mail", "b")).isPresent();
  }

  @Test
  void a_closed_node_frees_its_queues_at_once() {
    nodeA.tryAcquire("mail", "a").orElseThrow();

    nodeA.close();

    // The server ends the closed session a moment after the client hangs up.
    await().atMost(Duration.ofSeconds(1)).pollInterval(Duration.ofMillis(10))
        .until(() -> nodeB.tryAcquire("mail", "b").isPresent());
  }

  @Test
  void a_node_wins_again_once_its_killed_lock_connection_is_replaced() throws SQLException {
    MysqlLease lost = (MysqlLease) nodeA.tryAcquire("mail", "a").orElseThrow();
    ElectionDatabase.kill(mysql, lost.connectionId());
    await().until(() -> !lost.isHeld());
    nodeA.release(lost);

    Lease won = await().atMost(Duration.ofSeconds(3))
        .until(() -> nodeA.tryAcquire("mail", "a"), Optional::isPresent).orElseThrow();

    assertThat(won.isHeld()).isTrue();
    assertThat(((MysqlLease) won).connectionId()).isNotEqualTo(lost.connectionId());
  }

  @Test
  void queues_with_64_character_names_get_locks_of_their_own() {
    String lower = LONGEST + "a";
    String otherEnding = LONGEST + "b";
    String otherCase = LONGEST + "A";

    assertThat(nodeA.tryAcquire(lower, "a")).isPresent();
    assertThat(nodeB.tryAcquire(otherEnding, "b")).isPresent();
    assertThat(nodeB.tryAcquire(otherCase, "b")).isPresent();
    assertThat(nodeB.tryAcquire(lower, "b")).isEmpty();
    assertThat(nodeA.tryAcquire(otherEnding, "a")).isEmpty();
  }

  @Test
  void the_primary_is_named_by_its_lock_connection_id_and_host() throws SQLException {
    MysqlLease a = (MysqlLease) nodeA.tryAcquire("mail", "a").orElseThrow();

    Optional<Primary> seenByB = nodeB.primaryOf("mail");

    assertThat(seenByB).contains(new Primary(String.valueOf(a.connectionId()), hostOfThisClient()));
    assertThat(nodeA.primaryOf("mail")).isEqualTo(seenByB);
  }

  @Test
  void no_primary_is_named_for_a_queue_nobody_holds() {
    Lease a = nodeA.tryAcquire("mail", "a").orElseThrow();
    nodeA.release(a);

    assertThat(nodeB.primaryOf("mail")).isEmpty();
  }

  @Test
  void one_election_keeps_two_node_ids_apart() {
    Lease first = nodeA.tryAcquire("mail", "a").orElseThrow();

    assertThat(nodeA.tryAcquire("mail", "someone-else")).isEmpty();
    assertThat(nodeA.tryAcquire("mail", "a")).contains(first);
    nodeA.release(first);
    assertThat(nodeA.tryAcquire("mail", "someone-else")).isPresent();
  }

  @Test
  void two_nodes_racing_for_a_queue_never_both_hold_it() throws InterruptedException {
    AtomicInteger holders = new AtomicInteger();
    AtomicInteger mostAtOnce = new AtomicInteger();
    AtomicInteger wins = new AtomicInteger();
    AtomicInteger wronglyNamed = new AtomicInteger();
    long until = System.nanoTime() + Duration.ofSeconds(2).toNanos();
    List<Thread> racers = List.of(nodeA, nodeB).stream()
        .map(node -> Thread.ofPlatform().start(() -> {
          String nodeId = node == nodeA ? "a" : "b";
          while (System.nanoTime() < until) {
            Optional<Lease> won = node.tryAcquire("mail", nodeId);
            if (won.isEmpty()) {
              continue;
            }
            MysqlLease lease = (MysqlLease) won.get();
            wins.incrementAndGet();
            mostAtOnce.accumulateAndGet(holders.incrementAndGet(), Math::max);
            String named = node.primaryOf("mail").map(Primary::id).orElse("nobody");
            if (!named.equals(String.valueOf(lease.connectionId()))) {
              wronglyNamed.incrementAndGet();
            }
            holders.decrementAndGet();
            node.release(lease);
          }
        }))
        .toList();
    for (Thread racer : racers) {
      racer.join();
    }

    assertThat(wins.get()).isGreaterThan(10);
    assertThat(mostAtOnce.get()).isEqualTo(1);
    assertThat(wronglyNamed.get()).isZero();
  }

  private MysqlLeaderElection open() {
    MysqlLeaderElection election = new MysqlLeaderElection(source);
    opened.add(election);
    return election;
  }

  /** How the server's process list shows this machine, without the port. */
  private String hostOfThisClient() throws SQLException {
    try (Connection connection = mysql.connect();
        Statement statement = connection.createStatement();
        ResultSet row = statement.executeQuery(
            "SELECT HOST FROM information_schema.PROCESSLIST WHERE ID = CONNECTION_ID()")) {
      row.next();
      return MysqlLeaderElection.withoutPort(row.getString(1));
    }
  }
}
