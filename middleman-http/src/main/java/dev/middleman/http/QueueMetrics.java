package dev.middleman.http;

import dev.middleman.core.JobListener;
import dev.middleman.core.Middleman;
import dev.middleman.core.model.Job;
import dev.middleman.core.model.QueueDefinition;
import dev.middleman.core.model.WorkerResult;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.MultiGauge;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.ToDoubleFunction;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Per-queue Prometheus meters fed by job events, plus gauges read from a running node.
 *
 * <p>The counters follow the counting rules of {@code GET /queue/{name}/stats}: a job whose
 * retries run out counts as a failure and as a permanent failure. Which queues the gauges cover is
 * re-read from the definitions every second, so queues created or deleted later appear and
 * disappear. In-flight and primary are read at scrape time from memory; the outstanding count
 * needs storage, so it is sampled on that same beat and a scrape shows the last sample, never
 * waiting on storage.
 */
public final class QueueMetrics implements JobListener, AutoCloseable {

  static final Duration QUEUE_REFRESH = Duration.ofSeconds(1);
  /** The longest one queue's count may take before the sampler gives up on it for this round. */
  static final Duration COUNT_TIMEOUT = Duration.ofSeconds(1);
  private static final Logger log = LoggerFactory.getLogger(QueueMetrics.class);

  private final MeterRegistry registry;
  private final Map<String, QueueMeters> queues = new ConcurrentHashMap<>();
  private final ScheduledExecutorService refresher = Executors.newSingleThreadScheduledExecutor(
      Thread.ofPlatform().daemon().name("middleman-metrics").factory());
  private final OutstandingSamples samples = new OutstandingSamples(COUNT_TIMEOUT);
  private MultiGauge inFlight;
  private MultiGauge outstanding;
  private MultiGauge outstandingAge;
  private MultiGauge primary;

  public QueueMetrics(MeterRegistry registry) {
    this.registry = registry;
  }

  @Override
  public void pushed(Job job) {
    meters(job.queue()).pushed.increment();
  }

  @Override
  public void dispatched(Job job) {
    meters(job.queue()).dispatched.increment();
  }

  @Override
  public void finished(Job job, WorkerResult result, Outcome outcome, long elapsedMillis) {
    QueueMeters meters = meters(job.queue());
    meters.workerCalls.record(elapsedMillis, TimeUnit.MILLISECONDS);
    switch (outcome) {
      case SUCCEEDED -> meters.succeeded.increment();
      case RETRIED -> meters.failed.increment();
      case FAILED_PERMANENTLY -> meters.failedPermanently.increment();
      case RETRIES_EXHAUSTED -> {
        meters.failed.increment();
        meters.failedPermanently.increment();
      }
    }
    if (outcome.isFinal()) {
      meters.completed.increment();
    }
  }

  /** Registers the gauges (in flight, outstanding and its age, primary) that read from the node. */
  public synchronized void bindTo(Middleman middleman) {
    if (inFlight != null) {
      throw new IllegalStateException("already bound to a node");
    }
    inFlight = MultiGauge.builder("middleman.jobs.in.flight")
        .description("Jobs this node is sending to workers now").register(registry);
    outstanding = MultiGauge.builder("middleman.jobs.outstanding")
        .description("Jobs stored in the queue, in any state, at the last sample").register(registry);
    outstandingAge = MultiGauge.builder("middleman.jobs.outstanding.age")
        .description("Seconds since middleman_jobs_outstanding was last sampled")
        .baseUnit("seconds").register(registry);
    primary = MultiGauge.builder("middleman.queue.primary")
        .description("1 when this node dispatches the queue, else 0").register(registry);
    refresh(middleman);
    long every = QUEUE_REFRESH.toMillis();
    refresher.scheduleWithFixedDelay(() -> refreshQuietly(middleman), every, every,
        TimeUnit.MILLISECONDS);
  }

  /** Stops following the queue definitions. */
  @Override
  public void close() {
    refresher.shutdownNow();
    samples.close();
  }

  private void refreshQuietly(Middleman middleman) {
    try {
      refresh(middleman);
    } catch (RuntimeException e) {
      log.warn("Could not read the queues for the metrics, keeping the last ones: {}", e.toString());
    }
  }

  /** Samples the outstanding counts and gives each gauge one row per queue defined now. */
  private synchronized void refresh(Middleman middleman) {
    List<String> names = middleman.queues().stream().map(QueueDefinition::name).toList();
    samples.update(names, middleman::countJobs);
    // rows read live values, so a kept row needs no re-registering; overwriting would remove and
    // re-add it, and a scrape in between would miss it
    inFlight.register(rows(names, middleman::jobsInFlight), false);
    outstanding.register(rows(names, samples::count), false);
    outstandingAge.register(rows(names, samples::ageSeconds), false);
    primary.register(rows(names, queue -> middleman.isPrimary(queue) ? 1 : 0), false);
  }

  private static List<MultiGauge.Row<?>> rows(List<String> queues, ToDoubleFunction<String> value) {
    return queues.stream()
        .<MultiGauge.Row<?>>map(queue -> MultiGauge.Row.of(Tags.of("queue", queue), queue, value))
        .toList();
  }

  private QueueMeters meters(String queue) {
    return queues.computeIfAbsent(queue, name -> new QueueMeters(registry, name));
  }

  /** The event meters of one queue, looked up once. */
  private static final class QueueMeters {
    final Counter pushed;
    final Counter dispatched;
    final Counter succeeded;
    final Counter failed;
    final Counter failedPermanently;
    final Counter completed;
    final Timer workerCalls;

    QueueMeters(MeterRegistry registry, String queue) {
      pushed = counter(registry, "middleman.jobs.pushed", queue, "Jobs stored");
      dispatched = counter(registry, "middleman.jobs.dispatched", queue, "Jobs sent to workers");
      succeeded = counter(registry, "middleman.jobs.succeeded", queue, "Tries that succeeded");
      failed = counter(registry, "middleman.jobs.failed", queue,
          "Tries that failed and could have been retried, whether retried or out of retries;"
              + " not permanent-failure answers (total_failures)");
      failedPermanently = counter(registry, "middleman.jobs.failed.permanently", queue,
          "Jobs that went to the failure log (total_permanent_failures)");
      completed = counter(registry, "middleman.jobs.completed", queue,
          "Jobs finished, by success or final failure");
      workerCalls = Timer.builder("middleman.worker.call")
          .description("Duration of each worker call")
          .tag("queue", queue)
          .publishPercentileHistogram()
          .register(registry);
    }

    private static Counter counter(MeterRegistry registry, String name, String queue,
        String description) {
      return Counter.builder(name).description(description).tag("queue", queue).register(registry);
    }
  }
}
