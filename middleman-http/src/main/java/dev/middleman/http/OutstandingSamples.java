package dev.middleman.http;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.ToLongFunction;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The last outstanding-job count read for each queue, so that a scrape reads memory only. A count
 * that fails or takes longer than its timeout leaves the queue's previous sample in place, which
 * then ages.
 */
final class OutstandingSamples implements AutoCloseable {

  private static final Logger log = LoggerFactory.getLogger(OutstandingSamples.class);

  private record Sample(long count, long takenNanos) {}

  private final Duration timeout;
  private final Map<String, Sample> samples = new ConcurrentHashMap<>();
  private final ExecutorService counters = Executors.newThreadPerTaskExecutor(
      Thread.ofVirtual().name("middleman-metrics-count-", 0).factory());

  OutstandingSamples(Duration timeout) {
    this.timeout = timeout;
  }

  /** Counts the queues one at a time, each bounded by the timeout; forgets queues not listed. */
  void update(List<String> queues, ToLongFunction<String> countJobs) {
    samples.keySet().retainAll(queues);
    for (String queue : queues) {
      Future<Long> count = counters.submit(() -> countJobs.applyAsLong(queue));
      try {
        samples.put(queue, new Sample(count.get(timeout.toMillis(), TimeUnit.MILLISECONDS),
            System.nanoTime()));
      } catch (TimeoutException e) {
        count.cancel(true);
        log.warn("{} - counting outstanding jobs took over {} ms, keeping the last count", queue,
            timeout.toMillis());
      } catch (ExecutionException e) {
        log.warn("{} - could not count outstanding jobs, keeping the last count: {}", queue,
            e.getCause().toString());
      } catch (InterruptedException e) {
        count.cancel(true);
        Thread.currentThread().interrupt();
        return;
      }
    }
  }

  /** The last count, or NaN before the first one succeeded. */
  double count(String queue) {
    Sample sample = samples.get(queue);
    return sample == null ? Double.NaN : sample.count();
  }

  /** Seconds since the last count, or NaN before the first one succeeded. */
  double ageSeconds(String queue) {
    Sample sample = samples.get(queue);
    return sample == null ? Double.NaN : (System.nanoTime() - sample.takenNanos()) / 1e9;
  }

  @Override
  public void close() {
    counters.shutdownNow();
  }
}
