package dev.middleman.core.spi;

import dev.middleman.core.model.FailedJob;
import dev.middleman.core.model.Job;
import java.util.List;
import java.util.Optional;

/**
 * Lets operators look into a queue: list jobs by state, find and delete one, read the failure log.
 * Optional for a driver: one without it answers {@link StorageDriver#inspection()} with empty.
 *
 * <p>Lists are pages walked with a {@link PageCursor}. A walk sees each job at most once, even
 * while the queue changes: a job that changes state after the walk began is left out of the rest
 * of the walk.
 */
public interface JobInspection {

  /**
   * Jobs in one state, ordered by {@code next_try} then {@code id}.
   *
   * @param now the time that separates waiting from deferred jobs
   */
  Page<Job> jobs(String queue, JobState state, PageRequest request, long now);

  Optional<Job> job(String queue, long id);

  /**
   * Removes a job in any state. A grabbed job that is deleted is not put back by its running
   * dispatch: completing it finds nothing.
   */
  boolean deleteJob(String queue, long id);

  /** The failure log, newest first by {@code failed_at} or by {@code created_at}, then id. */
  Page<FailedJob> failedJobs(String queue, FailureOrder order, PageRequest request);

  Optional<FailedJob> failedJob(String queue, long id);

  boolean deleteFailedJob(String queue, long id);

  /** The states a list can show. */
  enum JobState {
    /** Being dispatched. */
    GRABBED,
    /** Claimed, {@code next_try <= now}. */
    WAITING,
    /** Claimed, {@code next_try > now}. */
    DEFERRED
  }

  enum FailureOrder {
    FAILED,
    CREATED
  }

  /**
   * @param after where the previous page ended, or null for the first page
   * @param ascending oldest first; newest first when false
   */
  record PageRequest(int limit, boolean ascending, PageCursor after) {}

  /** @param next where the following page starts, or null when this was the last one */
  record Page<T>(List<T> items, PageCursor next) {}
}
