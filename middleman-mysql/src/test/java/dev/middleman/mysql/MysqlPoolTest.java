package dev.middleman.mysql;

import static org.assertj.core.api.Assertions.assertThat;

import dev.middleman.core.model.NewJob;
import dev.middleman.core.spi.JobStore.Enqueue;
import dev.middleman.testkit.mysql.MysqlFixture;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class MysqlPoolTest {

  @RegisterExtension static final MysqlFixture mysql = new MysqlFixture();
  private static final int POOL_SIZE = 6;
  /** The election's queue-lock and handover-lock connections, which live outside the pool. */
  private static final int ELECTION_CONNECTIONS = 2;
  private static final int PUSHERS = 256;
  private static final int PUSHES_EACH = 4;

  @Test
  void two_hundred_fifty_six_concurrent_pushers_share_a_bounded_pool() throws Exception {
    Dsn dsn = Dsn.parse(mysql.dsn());
    AtomicInteger mostConnections = new AtomicInteger();
    AtomicBoolean pushing = new AtomicBoolean(true);
    try (MysqlStorage storage = MysqlStorage.open(dsn, dsn, POOL_SIZE);
        Connection counter = mysql.connect();
        ExecutorService pushers = Executors.newVirtualThreadPerTaskExecutor()) {
      Thread sampler = Thread.ofPlatform().start(() -> {
        while (pushing.get()) {
          mostConnections.accumulateAndGet(otherConnectionsOfThisUser(counter), Math::max);
        }
      });
      CountDownLatch go = new CountDownLatch(1);
      List<Future<?>> pushes = new ArrayList<>();
      for (int p = 0; p < PUSHERS; p++) {
        pushes.add(pushers.submit(() -> {
          go.await();
          for (int i = 0; i < PUSHES_EACH; i++) {
            storage.jobs().push(List.of(new Enqueue("crowd", NewJob.of("c", "http://127.0.0.1:9/", null))), 0);
          }
          return null;
        }));
      }
      go.countDown();
      try {
        for (Future<?> push : pushes) {
          push.get();
        }
      } finally {
        pushing.set(false);
        sampler.join();
      }

      assertThat(storage.jobs().countJobs("crowd")).isEqualTo((long) PUSHERS * PUSHES_EACH);
    }
    assertThat(mostConnections.get()).isPositive().isLessThanOrEqualTo(POOL_SIZE + ELECTION_CONNECTIONS);
  }

  /** A user without the PROCESS right sees only its own connections, which is what we count. */
  private static int otherConnectionsOfThisUser(Connection counter) {
    try (Statement statement = counter.createStatement();
        ResultSet row = statement.executeQuery("SELECT COUNT(*) FROM information_schema.PROCESSLIST"
            + " WHERE USER = SUBSTRING_INDEX(USER(), '@', 1) AND ID <> CONNECTION_ID()")) {
      row.next();
      return row.getInt(1);
    } catch (SQLException e) {
      throw new IllegalStateException(e);
    }
  }
}
