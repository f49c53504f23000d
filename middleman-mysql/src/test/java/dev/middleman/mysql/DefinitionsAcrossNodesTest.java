package dev.middleman.mysql;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import dev.middleman.core.DispatchSettings;
import dev.middleman.core.InvalidRequestException;
import dev.middleman.core.Middleman;
import dev.middleman.core.MiddlemanSettings;
import dev.middleman.core.model.NewJob;
import dev.middleman.core.model.QueueDefinition;
import dev.middleman.core.model.Routing;
import dev.middleman.testkit.FakeWorker;
import dev.middleman.testkit.mysql.MysqlFixture;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Queues and routings written through one node take effect on another within the refresh interval. */
class DefinitionsAcrossNodesTest {

  @RegisterExtension static final MysqlFixture mysql = new MysqlFixture();
  @RegisterExtension static final FakeWorker worker = new FakeWorker();

  private static final Duration REFRESH = Duration.ofMillis(300);
  /** The refresh interval plus room for a loaded machine; the contract is "within the interval". */
  private static final Duration WITHIN_A_REFRESH = REFRESH.multipliedBy(10);

  private MysqlStorage storageOfA;
  private MysqlStorage storageOfB;
  private Middleman nodeA;
  private Middleman nodeB;

  @BeforeEach
  void startTwoNodes() {
    Dsn dsn = Dsn.parse(mysql.dsn());
    storageOfA = MysqlStorage.open(dsn, dsn, 4);
    storageOfB = MysqlStorage.open(dsn, dsn, 4);
    nodeA = node(storageOfA);
    nodeB = node(storageOfB);
    nodeA.start();
    nodeB.start();
  }

  @AfterEach
  void stopNodes() {
    nodeA.stop();
    nodeB.stop();
    storageOfA.close();
    storageOfB.close();
  }

  @Test
  void a_routing_made_on_one_node_routes_pushes_on_the_other() {
    nodeA.putQueue(new QueueDefinition("mail", 50, 2, null));
    nodeA.putRouting(new Routing("mail/send", "mail"));

    await().atMost(WITHIN_A_REFRESH).ignoreExceptionsInstanceOf(InvalidRequestException.class)
        .untilAsserted(() -> assertThat(nodeB.queueFor("mail/send")).isEqualTo("mail"));

    nodeA.deleteRouting("mail/send");
    await().atMost(WITHIN_A_REFRESH).untilAsserted(() -> assertThatThrownBy(
        () -> nodeB.queueFor("mail/send")).isInstanceOf(InvalidRequestException.class));
  }

  @Test
  void the_other_node_starts_reconfigures_and_retires_its_dispatcher_to_match() {
    nodeA.putQueue(new QueueDefinition("shared", 50, 2, null));
    await().atMost(WITHIN_A_REFRESH).until(() -> nodeB.queue("shared").isPresent());
    nodeA.stop();
    nodeB.putRouting(new Routing("work", "shared"));

    nodeB.push(NewJob.of("work", worker.url("/shared"), "{}"));
    await().atMost(WITHIN_A_REFRESH).until(() -> worker.requests("/shared").size() == 1);
    assertThat(nodeB.isPrimary("shared")).isTrue();

    storageOfA.definitions().saveQueue(new QueueDefinition("shared", 50, 7, null));
    await().atMost(WITHIN_A_REFRESH).until(() -> nodeB.stats("shared").orElseThrow().totalWorkers() == 7);

    storageOfA.definitions().deleteQueue("shared");
    await().atMost(WITHIN_A_REFRESH).until(() -> !nodeB.isPrimary("shared"));
  }

  private static Middleman node(MysqlStorage storage) {
    MiddlemanSettings settings = new MiddlemanSettings(null, 50, 2, REFRESH, Duration.ofSeconds(5),
        new DispatchSettings(true, 10, Duration.ZERO, "Middleman/test"));
    return Middleman.builder(storage).settings(settings).build();
  }
}
