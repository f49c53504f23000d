package dev.middleman.core.memory;

import dev.middleman.core.model.Completion;
import dev.middleman.core.model.FailedJob;
import dev.middleman.core.model.Job;
import dev.middleman.core.model.JobStatus;
import dev.middleman.core.spi.JobInspection;
import dev.middleman.core.spi.JobStore;
import dev.middleman.core.spi.Lease;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.stream.Stream;

/**
 * Jobs in maps guarded by one lock, which makes every method atomic as the SPI asks. Claimed jobs
 * are also indexed by {@code (next_try, id)}, so a grab reads only the jobs it takes however many
 * deferred jobs wait behind them.
 */
final class InMemoryJobStore implements JobStore, JobInspection {

  private static final KeysetPager<Job> JOBS_BY_NEXT_TRY = new KeysetPager<>(Job::nextTry, Job::id);
  private static final KeysetPager<FailedJob> BY_FAILED_AT =
      new KeysetPager<>(FailedJob::failedAt, FailedJob::id);
  private static final KeysetPager<FailedJob> BY_CREATED_AT =
      new KeysetPager<>(FailedJob::createdAt, FailedJob::id);

  private final Map<String, QueueJobs> queues = new HashMap<>();
  /** Counts every change to a job, so that a walk can leave out jobs changed after it began. */
  private long changes;

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
      queueJobs.put(job, ++changes);
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
        queueJobs.waiting(now)
            .limit(limit)
            .map(job -> job.withStatus(JobStatus.GRABBED))
            .toList();
    for (Job job : grabbed) {
      queueJobs.put(job, ++changes);
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
    switch (completion) {
      case Completion.Succeeded succeeded -> queueJobs.remove(job.id());
      case Completion.Retry retry -> queueJobs.put(stored.rescheduled(retry.nextTry()), ++changes);
      case Completion.Failed failed -> {
        queueJobs.remove(job.id());
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
      queueJobs.put(queueJobs.jobs.get(id).withStatus(JobStatus.CLAIMED), ++changes);
    }
    return orphans.size();
  }

  @Override
  public synchronized long countJobs(String queue) {
    return queueJobs(queue).jobs.size();
  }

  @Override
  public synchronized Page<Job> jobs(String queue, JobState state, PageRequest request, long now) {
    long walkMark = request.after() == null ? changes : request.after().walkMark();
    QueueJobs queueJobs = queueJobs(queue);
    return JOBS_BY_NEXT_TRY.page(
        queueJobs.inState(state, now)
            .filter(job -> queueJobs.changedAt.get(job.id()) <= walkMark),
        request,
        walkMark);
  }

  @Override
  public synchronized Optional<Job> job(String queue, long id) {
    return Optional.ofNullable(queueJobs(queue).jobs.get(id));
  }

  @Override
  public synchronized boolean deleteJob(String queue, long id) {
    return queueJobs(queue).remove(id) != null;
  }

  @Override
  public synchronized Page<FailedJob> failedJobs(
      String queue, FailureOrder order, PageRequest request) {
    KeysetPager<FailedJob> pager = order == FailureOrder.FAILED ? BY_FAILED_AT : BY_CREATED_AT;
    return pager.page(queueJobs(queue).failures.values().stream(), request, 0);
  }

  @Override
  public synchronized Optional<FailedJob> failedJob(String queue, long id) {
    return Optional.ofNullable(queueJobs(queue).failures.get(id));
  }

  @Override
  public synchronized boolean deleteFailedJob(String queue, long id) {
    return queueJobs(queue).failures.remove(id) != null;
  }

  private QueueJobs queueJobs(String queue) {
    return queues.computeIfAbsent(queue, name -> new QueueJobs());
  }

  /** Where a claimed job stands in line: oldest {@code next_try} first, then oldest id. */
  private record InLine(long nextTry, long id) implements Comparable<InLine> {

    static InLine of(Job job) {
      return new InLine(job.nextTry(), job.id());
    }

    /** Sorts after every job due at {@code now}: claimed jobs up to it are ready. */
    static InLine after(long now) {
      return new InLine(now, Long.MAX_VALUE);
    }

    @Override
    public int compareTo(InLine other) {
      int byNextTry = Long.compare(nextTry, other.nextTry);
      return byNextTry != 0 ? byNextTry : Long.compare(id, other.id);
    }
  }

  private static final class QueueJobs {
    final TreeMap<Long, Job> jobs = new TreeMap<>();
    /** Exactly the claimed jobs of {@link #jobs}. */
    final TreeMap<InLine, Job> claimed = new TreeMap<>();
    final Map<Long, Long> changedAt = new HashMap<>();
    final Map<Long, String> grabbedBy = new HashMap<>();
    final TreeMap<Long, FailedJob> failures = new TreeMap<>();
    long lastId;
    long lastFailureId;

    /** Claimed jobs ready at {@code now}, in the order they are due. */
    Stream<Job> waiting(long now) {
      return claimed.headMap(InLine.after(now), false).values().stream();
    }

    Stream<Job> inState(JobState state, long now) {
      return switch (state) {
        case GRABBED -> jobs.values().stream().filter(job -> job.status() == JobStatus.GRABBED);
        case WAITING -> waiting(now);
        case DEFERRED -> claimed.tailMap(InLine.after(now), false).values().stream();
      };
    }

    void put(Job job, long change) {
      unindex(jobs.put(job.id(), job));
      if (job.status() == JobStatus.CLAIMED) {
        claimed.put(InLine.of(job), job);
      }
      changedAt.put(job.id(), change);
      if (job.status() != JobStatus.GRABBED) {
        grabbedBy.remove(job.id());
      }
    }

    Job remove(long id) {
      changedAt.remove(id);
      grabbedBy.remove(id);
      Job removed = jobs.remove(id);
      unindex(removed);
      return removed;
    }

    private void unindex(Job previous) {
      if (previous != null && previous.status() == JobStatus.CLAIMED) {
        claimed.remove(InLine.of(previous));
      }
    }
  }
}
