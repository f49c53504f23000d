package dev.middleman.mysql;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import dev.middleman.core.model.NewJob;
import dev.middleman.core.spi.JobStore.Enqueue;
import dev.middleman.core.spi.StorageUnavailableException;
import dev.middleman.testkit.mysql.MysqlFixture;
import dev.middleman.testkit.mysql.ServerControl;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Stops and starts the real server under the driver. */
class MysqlOutageTest {

  @RegisterExtension static final MysqlFixture mysql = new MysqlFixture();
  private static final List<Enqueue> ONE_JOB =
      List.of(new Enqueue("outage", NewJob.of("c", "http://127.0.0.1:9/worker", null)));

  private MysqlStorage storage;
  private ServerControl server;

  @AfterEach
  void restoreServer() {
    if (server != null) {
      server.start();
    }
    if (storage != null) {
      storage.close();
    }
  }

  @Test
  void a_push_during_an_outage_fails_fast_and_pushes_work_again_once_the_server_is_back() {
    server = mysql.requireControl();
    Dsn dsn = Dsn.parse(mysql.dsn());
    storage = MysqlStorage.open(dsn, dsn, 4);
    storage.jobs().push(ONE_JOB, 0);

    server.stop();
    long started = System.nanoTime();
    assertThatThrownBy(() -> storage.jobs().push(ONE_JOB, 0))
        .isInstanceOf(StorageUnavailableException.class);
    assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(5));
    long healthStarted = System.nanoTime();
    assertThat(storage.isHealthy()).isFalse();
    assertThat(Duration.ofNanos(System.nanoTime() - healthStarted)).isLessThan(Duration.ofSeconds(2));

    server.start();
    await().atMost(Duration.ofSeconds(20)).ignoreException(StorageUnavailableException.class)
        .untilAsserted(() -> assertThat(storage.jobs().push(ONE_JOB, 0)).hasSize(1));
    assertThat(storage.isHealthy()).isTrue();
    assertThat(storage.jobs().countJobs("outage")).isEqualTo(2);
  }
}
