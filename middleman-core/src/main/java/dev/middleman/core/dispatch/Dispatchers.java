package dev.middleman.core.dispatch;

import dev.middleman.core.JobListener;
import dev.middleman.core.model.QueueDefinition;
import dev.middleman.core.spi.StorageDriver;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Keeps one {@link QueueDispatcher} running per defined queue, and stops them all gracefully. */
public final class Dispatchers {

  private static final Logger log = LoggerFactory.getLogger(Dispatchers.class);

  private final String nodeId;
  private final StorageDriver storage;
  private final JobAttempt attempt;
  private final Clock clock;
  private final Duration handoverTimeout;
  private final ExecutorService calls = Executors.newVirtualThreadPerTaskExecutor();
  private final Map<String, QueueDispatcher> running = new ConcurrentHashMap<>();
  private boolean stopped;

  /**
   * @param handoverTimeout how long a dispatcher that lost its lease lets its calls in flight run
   *     before it hands the queue over anyway
   */
  public Dispatchers(String nodeId, StorageDriver storage, WorkerClient worker,
      JobListener listener, Clock clock, Duration handoverTimeout) {
    this.nodeId = nodeId;
    this.storage = storage;
    this.attempt = new JobAttempt(storage.jobs(), worker, listener, clock);
    this.clock = clock;
    this.handoverTimeout = handoverTimeout;
  }

  /** Starts, reconfigures and retires dispatchers so that exactly the given queues run. */
  public synchronized void sync(Collection<QueueDefinition> definitions) {
    if (stopped) {
      return;
    }
    Map<String, QueueDefinition> wanted =
        definitions.stream().collect(Collectors.toMap(QueueDefinition::name, d -> d));
    for (QueueDefinition definition : wanted.values()) {
      QueueDispatcher dispatcher = running.get(definition.name());
      if (dispatcher == null) {
        start(definition);
      } else if (!dispatcher.definition().equals(definition)) {
        log.info("{} - reconfigured: {}", definition.name(), definition);
        dispatcher.reconfigure(definition);
      }
    }
    Set<String> gone = new HashMap<>(running).keySet().stream()
        .filter(name -> !wanted.containsKey(name))
        .collect(Collectors.toSet());
    gone.forEach(this::retire);
  }

  public void wakeUp(String queue) {
    QueueDispatcher dispatcher = running.get(queue);
    if (dispatcher != null) {
      dispatcher.wakeUp();
    }
  }

  public boolean isPrimary(String queue) {
    QueueDispatcher dispatcher = running.get(queue);
    return dispatcher != null && dispatcher.isPrimary();
  }

  public int jobsInFlight(String queue) {
    QueueDispatcher dispatcher = running.get(queue);
    return dispatcher == null ? 0 : dispatcher.jobsInFlight();
  }

  /**
   * Stops grabbing everywhere, lets jobs in flight finish until the timeout, then gives up every
   * lease. Jobs still running at the deadline stay grabbed in storage for the next primary.
   *
   * @return whether every job in flight finished in time
   */
  public boolean stop(Duration timeout) throws InterruptedException {
    Instant deadline = Instant.now().plus(timeout);
    Collection<QueueDispatcher> dispatchers;
    synchronized (this) {
      stopped = true;
      dispatchers = running.values();
    }
    for (QueueDispatcher dispatcher : dispatchers) {
      dispatcher.stopGrabbing();
    }
    boolean allFinished = true;
    for (QueueDispatcher dispatcher : dispatchers) {
      allFinished &= dispatcher.awaitIdle(deadline);
    }
    calls.shutdownNow();
    dispatchers.forEach(QueueDispatcher::resign);
    running.clear();
    return allFinished;
  }

  private void start(QueueDefinition definition) {
    storage.jobs().prepareQueue(definition.name());
    QueueDispatcher dispatcher = new QueueDispatcher(definition, nodeId, storage.jobs(),
        storage.election(), attempt, calls, clock, handoverTimeout);
    running.put(definition.name(), dispatcher);
    dispatcher.start();
    log.info("{} - dispatcher started: {}", definition.name(), definition);
  }

  /** A deleted queue stops grabbing at once; its jobs in flight finish in the background. */
  private void retire(String queue) {
    QueueDispatcher dispatcher = running.remove(queue);
    Thread.ofVirtual().name("middleman-retire-" + queue).start(() -> {
      try {
        dispatcher.stopGrabbing();
        dispatcher.awaitIdle(Instant.now().plus(Duration.ofDays(365)));
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      } finally {
        dispatcher.resign();
        log.info("{} - dispatcher stopped", queue);
      }
    });
  }
}
