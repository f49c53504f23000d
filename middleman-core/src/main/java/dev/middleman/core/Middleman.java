package dev.middleman.core;

import dev.middleman.core.dispatch.Dispatchers;
import dev.middleman.core.dispatch.HttpWorkerClient;
import dev.middleman.core.dispatch.WorkerClient;
import dev.middleman.core.model.Job;
import dev.middleman.core.model.NewJob;
import dev.middleman.core.model.QueueDefinition;
import dev.middleman.core.model.Routing;
import dev.middleman.core.spi.DefinitionRepository;
import dev.middleman.core.spi.JobInspection;
import dev.middleman.core.spi.JobStore.Enqueue;
import dev.middleman.core.spi.LeaderElection.Primary;
import dev.middleman.core.spi.StorageDriver;
import dev.middleman.core.stats.QueueStats;
import dev.middleman.core.stats.StatsRecorder;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A Middleman node: accepts jobs, keeps the definitions, and dispatches the queues it is primary
 * for.
 *
 * <pre>{@code
 * Middleman middleman = Middleman.builder(new InMemoryStorage()).build();
 * middleman.start();
 * middleman.putQueue(new QueueDefinition("mail", 200, 10, null));
 * middleman.putRouting(new Routing("mail/send", "mail"));
 * middleman.push(NewJob.of("mail/send", "http://localhost:9000/send", "{\"to\":\"a@b.c\"}"));
 * middleman.stop();
 * }</pre>
 */
public final class Middleman implements AutoCloseable {

  private static final Logger log = LoggerFactory.getLogger(Middleman.class);

  private final StorageDriver storage;
  private final MiddlemanSettings settings;
  private final JobListener listener;
  private final StatsRecorder stats;
  private final Clock clock;
  private final String nodeId = UUID.randomUUID().toString();
  private final DefinitionCache cache;
  private final Dispatchers dispatchers;
  private final ScheduledExecutorService refresher =
      Executors.newSingleThreadScheduledExecutor(Thread.ofPlatform().daemon().name("middleman-refresh").factory());
  private boolean started;
  private boolean stopped;

  private Middleman(Builder builder) {
    this.storage = builder.storage;
    this.settings = builder.settings;
    this.clock = builder.clock;
    this.stats = new StatsRecorder(clock);
    this.listener = new Listeners(concat(stats, builder.listeners));
    this.cache = new DefinitionCache(storage.definitions());
    WorkerClient worker =
        builder.worker != null ? builder.worker : new HttpWorkerClient(settings.dispatch());
    this.dispatchers = new Dispatchers(nodeId, storage, worker, listener, clock,
        settings.shutdownTimeout());
  }

  public static Builder builder(StorageDriver storage) {
    return new Builder(storage);
  }

  /** Creates the default queue if it is missing, then starts dispatching and watching definitions. */
  public synchronized void start() {
    if (started) {
      throw new IllegalStateException("already started");
    }
    started = true;
    settings.defaultQueueIfAny().ifPresent(this::ensureQueueExists);
    refreshDefinitions();
    long every = settings.configRefreshInterval().toMillis();
    refresher.scheduleWithFixedDelay(this::refreshQuietly, every, every, TimeUnit.MILLISECONDS);
    log.info("Middleman {} started as node {} on {} storage", Version.current(), nodeId, storage.name());
  }

  /** Stores one job; when it returns the job is durable. */
  public Job push(NewJob job) {
    return pushAll(List.of(job)).getFirst();
  }

  /** Stores all the jobs or none of them. */
  public List<Job> pushAll(List<NewJob> jobs) {
    List<Enqueue> routed = jobs.stream().map(job -> new Enqueue(queueFor(job.category()), job)).toList();
    long now = clock.millis();
    List<Job> stored = storage.jobs().push(routed, now);
    stored.forEach(listener::pushed);
    // A deferred job is found by a later poll; waking the dispatcher for it would grab nothing.
    stored.stream().filter(job -> job.nextTry() <= now).map(Job::queue).distinct()
        .forEach(dispatchers::wakeUp);
    return stored;
  }

  /** The queue that jobs of this category go to. */
  public String queueFor(String category) {
    String queue = cache.queueFor(category, settings.defaultQueue());
    if (queue == null) {
      throw new InvalidRequestException(
          "category", "'" + category + "' has no routing and there is no default queue");
    }
    if (!cache.isDefined(queue)) {
      throw new InvalidRequestException(
          "category", "'" + category + "' is routed to the undefined queue '" + queue + "'");
    }
    return queue;
  }

  public List<QueueDefinition> queues() {
    return definitions().queues();
  }

  public Optional<QueueDefinition> queue(String name) {
    return definitions().queue(name);
  }

  /** Creates or replaces a queue; this node applies it at once, others within the refresh interval. */
  public QueueDefinition putQueue(QueueDefinition queue) {
    storage.jobs().prepareQueue(queue.name());
    QueueDefinition saved = definitions().saveQueue(queue);
    refreshDefinitions();
    return saved;
  }

  /** Removes a queue definition and stops its dispatcher; its stored jobs stay. */
  public QueueDefinition deleteQueue(String name) {
    QueueDefinition deleted =
        definitions().deleteQueue(name).orElseThrow(() -> new NotFoundException("queue " + name));
    refreshDefinitions();
    return deleted;
  }

  public List<Routing> routings() {
    return definitions().routings();
  }

  public Optional<Routing> routing(String jobCategory) {
    return definitions().routing(jobCategory);
  }

  public Routing putRouting(Routing routing) {
    if (definitions().queue(routing.queueName()).isEmpty()) {
      throw new NotFoundException("queue " + routing.queueName());
    }
    Routing saved = definitions().saveRouting(routing);
    refreshDefinitions();
    return saved;
  }

  public Routing deleteRouting(String jobCategory) {
    Routing deleted = definitions().deleteRouting(jobCategory)
        .orElseThrow(() -> new NotFoundException("routing " + jobCategory));
    refreshDefinitions();
    return deleted;
  }

  /** The node that dispatches the queue now, if any. */
  public Optional<Primary> primaryOf(String queue) {
    return storage.election().primaryOf(queue);
  }

  public boolean isPrimary(String queue) {
    return dispatchers.isPrimary(queue);
  }

  public int jobsInFlight(String queue) {
    return dispatchers.jobsInFlight(queue);
  }

  public long countJobs(String queue) {
    return storage.jobs().countJobs(queue);
  }

  /** The queue's figures, or empty if it is not defined. */
  public Optional<QueueStats> stats(String queue) {
    return queue(queue).map(this::statsOf);
  }

  /** Every defined queue's figures, by name. */
  public Map<String, QueueStats> allStats() {
    Map<String, QueueStats> all = new TreeMap<>();
    queues().forEach(definition -> all.put(definition.name(), statsOf(definition)));
    return all;
  }

  /** Looking into queues, if the storage driver supports it. */
  public Optional<JobInspection> inspection() {
    return storage.inspection();
  }

  public boolean isHealthy() {
    return storage.isHealthy();
  }

  public MiddlemanSettings settings() {
    return settings;
  }

  public StorageDriver storage() {
    return storage;
  }

  public String nodeId() {
    return nodeId;
  }

  /**
   * Stops dispatching gracefully: no more grabs, jobs in flight may finish until the shutdown
   * timeout, leases are released. Does not close the storage driver, which the caller owns.
   *
   * @return whether every job in flight finished in time
   */
  public synchronized boolean stop() {
    if (stopped) {
      return true;
    }
    stopped = true;
    refresher.shutdownNow();
    try {
      boolean finished = dispatchers.stop(settings.shutdownTimeout());
      if (!finished) {
        log.warn("Jobs still in flight after {}; they stay stored and will be dispatched again",
            settings.shutdownTimeout());
      }
      return finished;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    }
  }

  @Override
  public void close() {
    stop();
  }

  private DefinitionRepository definitions() {
    return storage.definitions();
  }

  private QueueStats statsOf(QueueDefinition definition) {
    String name = definition.name();
    return stats.snapshot(name, countJobs(name), definition.maxWorkers(), jobsInFlight(name),
        primaryOf(name).isPresent());
  }

  private static List<JobListener> concat(JobListener first, List<JobListener> rest) {
    List<JobListener> all = new ArrayList<>(rest.size() + 1);
    all.add(first);
    all.addAll(rest);
    return all;
  }

  private void ensureQueueExists(String name) {
    if (definitions().queue(name).isEmpty()) {
      putQueue(new QueueDefinition(
          name, settings.defaultPollingInterval(), settings.defaultMaxWorkers(), null));
      log.info("{} - default queue created", name);
    }
  }

  private synchronized void refreshDefinitions() {
    if (cache.reload() && !stopped) {
      dispatchers.sync(cache.queues());
    }
  }

  private void refreshQuietly() {
    try {
      refreshDefinitions();
    } catch (RuntimeException e) {
      log.warn("Could not refresh definitions, keeping the last ones: {}", e.toString());
    }
  }

  /** Assembles a {@link Middleman}; only the storage is required. */
  public static final class Builder {
    private final StorageDriver storage;
    private MiddlemanSettings settings = MiddlemanSettings.defaults();
    private final List<JobListener> listeners = new ArrayList<>();
    private Clock clock = Clock.systemUTC();
    private WorkerClient worker;

    private Builder(StorageDriver storage) {
      this.storage = Objects.requireNonNull(storage, "storage");
    }

    public Builder settings(MiddlemanSettings settings) {
      this.settings = Objects.requireNonNull(settings, "settings");
      return this;
    }

    /** Adds a listener; listeners hear events in the order they were added. */
    public Builder listener(JobListener listener) {
      listeners.add(Objects.requireNonNull(listener, "listener"));
      return this;
    }

    /** The clock that schedules delays and retries; tests set it. */
    public Builder clock(Clock clock) {
      this.clock = Objects.requireNonNull(clock, "clock");
      return this;
    }

    /** How jobs reach workers; by default over HTTP with the dispatch settings. */
    public Builder workerClient(WorkerClient worker) {
      this.worker = Objects.requireNonNull(worker, "worker");
      return this;
    }

    public Middleman build() {
      return new Middleman(this);
    }
  }
}
