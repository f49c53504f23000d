package dev.middleman.server.lifecycle;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicReference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** A request to stop gracefully, made once; later requests are noted and change nothing. */
public final class StopRequest {

  private static final Logger log = LoggerFactory.getLogger(StopRequest.class);

  private final CountDownLatch requested = new CountDownLatch(1);
  private final AtomicReference<String> reason = new AtomicReference<>();

  public void request(String why) {
    if (reason.compareAndSet(null, why)) {
      log.info("Stopping gracefully ({})", why);
      requested.countDown();
    } else {
      log.info("Already stopping ({} ignored)", why);
    }
  }

  /** Blocks until a stop is requested; returns why. */
  public String await() throws InterruptedException {
    requested.await();
    return reason.get();
  }
}
