package dev.middleman.core.spi;

import dev.middleman.core.model.Completion;
import dev.middleman.core.model.Job;
import dev.middleman.core.model.NewJob;
import java.util.List;

/**
 * Stores jobs per queue. Every method that changes a job is one transaction: it happens whole or
 * not at all. Methods throw {@link StorageUnavailableException} when the storage cannot be reached.
 */
public interface JobStore {

  /** Makes the queue ready to hold jobs; idempotent and safe to call from several nodes at once. */
  void prepareQueue(String queue);

  /**
   * Stores all the jobs, or none. When it returns they are durable.
   *
   * @return the stored jobs, in the order given, with their ids
   */
  List<Job> push(List<Enqueue> jobs, long now);

  /**
   * Marks up to {@code limit} claimed jobs whose {@code next_try <= now} as grabbed, oldest {@code
   * next_try} first, and returns them. Grabs nothing unless {@code lease} is still held at the time
   * of the write, so that a node that lost its lease cannot grab.
   */
  List<Job> grab(String queue, int limit, long now, Lease lease);

  /**
   * Ends a try of a grabbed job.
   *
   * @return false if the job was no longer stored (for instance deleted by an operator); then
   *     nothing is written
   */
  boolean complete(Job job, Completion completion);

  /**
   * Puts back to claimed every grabbed job of the queue that was not grabbed by {@code nodeId}: its
   * dispatcher is gone. Called by a node when it becomes primary for the queue.
   *
   * @return how many jobs were put back
   */
  int recoverGrabbed(String queue, String nodeId);

  /** How many jobs the queue holds, in any status. */
  long countJobs(String queue);

  /** A job headed for {@code queue}. */
  record Enqueue(String queue, NewJob job) {}
}
