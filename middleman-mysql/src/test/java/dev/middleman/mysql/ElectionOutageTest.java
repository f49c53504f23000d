package dev.middleman.mysql;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import dev.middleman.core.spi.LeaderElection.Primary;
import dev.middleman.core.spi.Lease;
import dev.middleman.core.spi.StorageUnavailableException;
import dev.middleman.testkit.mysql.MysqlFixture;
import dev.middleman.testkit.mysql.ServerControl;
import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The database stops under two nodes and comes back: nobody is primary meanwhile, then one is. */
class ElectionOutageTest {

  @RegisterExtension static final MysqlFixture mysql = new MysqlFixture();

  private ServerControl database;
  private MysqlLeaderElection nodeA;
  private MysqlLeaderElection nodeB;
  private boolean stopped;

  @BeforeEach
  void openTwoNodes() {
    DedicatedConnectionSource source = ElectionDatabase.source(mysql);
    database = mysql.requireControl();
    nodeA = new MysqlLeaderElection(source);
    nodeB = new MysqlLeaderElection(source);
  }

  @AfterEach
  void restartAndClose() {
    try {
      if (stopped) {
        database.start();
      }
    } finally {
      if (nodeA != null) {
        nodeA.close();
        nodeB.close();
      }
    }
  }

  @Test
  void while_the_database_is_down_nobody_is_primary_and_afterwards_a_node_wins_by_itself() {
    Lease lost = nodeA.tryAcquire("mail", "a").orElseThrow();

    stopDatabase();

    await().atMost(Duration.ofMillis(1500)).pollInterval(Duration.ofMillis(20))
        .until(() -> !lost.isHeld());
    long started = System.nanoTime();
    assertThat(nodeA.tryAcquire("mail", "a")).isEmpty();
    assertThat(nodeB.tryAcquire("mail", "b")).isEmpty();
    assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(1));
    assertThatThrownBy(() -> nodeB.primaryOf("mail"))
        .isInstanceOf(StorageUnavailableException.class);
    nodeA.release(lost);

    startDatabase();

    Lease won = await().atMost(Duration.ofSeconds(5)).until(this::eitherNodeWins, Optional::isPresent)
        .orElseThrow();
    assertThat(won.isHeld()).isTrue();
    MysqlLeaderElection winner = won.nodeId().equals("a") ? nodeA : nodeB;
    assertThat(winner.primaryOf("mail")).map(Primary::id)
        .contains(String.valueOf(((MysqlLease) won).connectionId()));
  }

  /** What each node's dispatcher does about once a second while it is not primary. */
  private Optional<Lease> eitherNodeWins() {
    Optional<Lease> a = nodeA.tryAcquire("mail", "a");
    return a.isPresent() ? a : nodeB.tryAcquire("mail", "b");
  }

  private void stopDatabase() {
    stopped = true;
    database.stop();
  }

  private void startDatabase() {
    database.start();
    stopped = false;
  }
}
