package dev.middleman.server.it;

import static dev.middleman.server.it.MiddlemanProcess.env;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.middleman.testkit.FakeWorker;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** Graceful restart under Server::Starter: a HUP to start_server swaps daemons without a failed request. */
class ServerStarterIT {

  @RegisterExtension
  static final FakeWorker worker = new FakeWorker();

  @TempDir
  Path dir;

  @Test
  void a_hup_to_start_server_swaps_in_a_new_daemon_with_no_refused_or_failed_push() throws Exception {
    try (StartServer starter = StartServer.start(dir, env(), "--queue-default=default")) {
      starter.awaitServing();
      long first = starter.daemon(1);
      PushLoop pushes;
      try (PushLoop loop = new PushLoop(starter.port(), worker.url("/swap"))) {
        pushes = loop;
        await().atMost(Duration.ofSeconds(30)).until(() -> loop.storedCount() >= 50);

        long second = starter.restart(2);
        int atSwap = loop.storedCount();
        await().atMost(Duration.ofSeconds(10)).until(() -> loop.storedCount() >= atSwap + 50);

        assertThat(second).isNotEqualTo(first);
      }
      assertThat(pushes.failures()).as("failed pushes during the swap").isEmpty();
      assertThat(starter.stop()).isZero();
    }
  }
}
