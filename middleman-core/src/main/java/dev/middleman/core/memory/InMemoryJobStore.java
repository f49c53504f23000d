package dev.middleman.core.memory;

import dev.middleman.core.model.Completion;
import dev.middleman.core.model.FailedJob;
import dev.middleman.core.model.Job;
import dev.middleman.core.model.JobStatus;
import dev.middleman.core.spi.JobStore;
import dev.middleman.core.spi.Lease;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** Jobs in maps guarded by one lock, which makes every method atomic as the SPI asks. */
final class InMemoryJobStore implements JobStore {

  private static final Comparator<Job> OLDEST_NEXT_TRY_FIRST =
      Comparator.comparingLong(Job::nextTry).thenComparingLong(Job::id);

  private final Map<String, QueueJobs> queues = new HashMap<>();

  @Override
  public synchronized void prepareQueue(String queue) {
    queueJobs(queue);
  }

  @Override
  public synchronized List<Job> push(List<Enqueue> jobs, long now) {
    List<Job> stored = new ArrayList<>(jobs.size());
    for (Enqueue enqueue : jobs) {
      QueueJobs queueJobs = queueJobs(enqueue.queue());
      Job job = Job.fresh(enqueue.queue(), ++queueJobs.lastId, enqueue.job(), now);
      queueJobs.jobs.put(job.id(), job);
      stored.add(job);
    }
    return stored;
  }

  @Override
  public synchronized List<Job> grab(String queue, int limit, long now, Lease lease) {
    if (!lease.isHeld()) {
      return List.of();
    }
    QueueJobs queueJobs = queueJobs(queue);
    List<Job> grabbed =
        queueJobs.jobs.values().stream()
            .filter(job -> job.status() == JobStatus.CLAIMED && job.nextTry() <= now)
            .sorted(OLDEST_NEXT_TRY_FIRST)
            .limit(limit)
            .map(job -> job.withStatus(JobStatus.GRABBED))
            .toList();
    for (Job job : grabbed) {
      queueJobs.jobs.put(job.id(), job);
      queueJobs.grabbedBy.put(job.id(), lease.nodeId());
    }
    return grabbed;
  }

  @Override
  public synchronized boolean complete(Job job, Completion completion) {
    QueueJobs queueJobs = queueJobs(job.queue());
    Job stored = queueJobs.jobs.get(job.id());
    if (stored == null || stored.status() != JobStatus.GRABBED) {
      return false;
    }
    queueJobs.grabbedBy.remove(job.id());
    switch (completion) {
      case Completion.Succeeded succeeded -> queueJobs.jobs.remove(job.id());
      case Completion.Retry retry -> queueJobs.jobs.put(job.id(), stored.rescheduled(retry.nextTry()));
      case Completion.Failed failed -> {
        queueJobs.jobs.remove(job.id());
        long failureId = ++queueJobs.lastFailureId;
        queueJobs.failures.put(failureId, new FailedJob(failureId, stored.id(), stored.category(),
            stored.url(), stored.payload(), failed.result(), stored.failCount() + 1,
            failed.failedAt(), stored.createdAt()));
      }
    }
    return true;
  }

  @Override
  public synchronized int recoverGrabbed(String queue, String nodeId) {
    QueueJobs queueJobs = queueJobs(queue);
    List<Long> orphans =
        queueJobs.grabbedBy.entrySet().stream()
            .filter(entry -> !entry.getValue().equals(nodeId))
            .map(Map.Entry::getKey)
            .toList();
    for (Long id : orphans) {
      queueJobs.grabbedBy.remove(id);
      queueJobs.jobs.computeIfPresent(id, (key, job) -> job.withStatus(JobStatus.CLAIMED));
    }
    return orphans.size();
  }

  @Override
  public synchronized long countJobs(String queue) {
    return queueJobs(queue).jobs.size();
  }

  private QueueJobs queueJobs(String queue) {
    return queues.computeIfAbsent(queue, name -> new QueueJobs());
  }

  private static final class QueueJobs {
    final TreeMap<Long, Job> jobs = new TreeMap<>();
    final Map<Long, String> grabbedBy = new HashMap<>();
    final TreeMap<Long, FailedJob> failures = new TreeMap<>();
    long lastId;
    long lastFailureId;
  }
}
