package dev.middleman.mysql;

import dev.middleman.core.spi.StorageUnavailableException;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.locks.LockSupport;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Function;

/**
 * Coalesces concurrent writes into one: requests that arrive while a write is running wait, and
 * the next write takes them all (up to a bound) in one statement or transaction. The first request
 * of an idle period is written at once, by its own thread; there is no timer and no extra thread.
 *
 * <p>Whoever writes a batch is a caller whose own request is waiting (the leader): it writes
 * batches from the head of the line until its own request is done, then hands the lead to the
 * oldest request still waiting. Each caller returns only once the write that holds its request has
 * committed, or throws what that write threw.
 *
 * <p>A failed batch of several requests is written again one request at a time, so that a request
 * the database refuses fails alone; when the database is unreachable every request of the batch
 * fails at once, as retrying would fail too. A failed write has written nothing: it is one
 * statement, or one transaction that was rolled back.
 *
 * @param <T> a request
 * @param <R> its result
 */
final class GroupCommit<T, R> {

  /** How big one request is, for the bound on a batch (rows, bytes). */
  interface Size<T> {
    int rows(T request);

    long bytes(T request);
  }

  private final Function<List<T>, List<R>> write;
  private final Size<T> size;
  private final int maxRows;
  private final long maxBytes;
  private final ReentrantLock lock = new ReentrantLock();
  private final ArrayDeque<Pending<T, R>> waiting = new ArrayDeque<>();
  private boolean writing;

  /**
   * @param write writes a batch all or nothing and returns one result per request, in order
   * @param maxRows the most rows of one batch (a single larger request is written alone)
   * @param maxBytes the most bytes of one batch (likewise)
   */
  GroupCommit(Function<List<T>, List<R>> write, Size<T> size, int maxRows, long maxBytes) {
    this.write = write;
    this.size = size;
    this.maxRows = maxRows;
    this.maxBytes = maxBytes;
  }

  /** Writes the request, alone or with others; returns when it is committed. */
  R submit(T request) {
    Pending<T, R> mine = new Pending<>(request, Thread.currentThread());
    boolean lead;
    lock.lock();
    try {
      waiting.add(mine);
      lead = !writing;
      writing = true;
    } finally {
      lock.unlock();
    }
    if (!lead) {
      mine.awaitDoneOrLead();
    }
    if (!mine.done) {
      leadUntilDone(mine);
    }
    return mine.outcome();
  }

  /** How many requests wait for a write to take them. */
  int waiting() {
    lock.lock();
    try {
      return waiting.size();
    } finally {
      lock.unlock();
    }
  }

  private void leadUntilDone(Pending<T, R> mine) {
    try {
      while (!mine.done) {
        writeBatch(nextBatch());
      }
    } finally {
      Pending<T, R> next;
      lock.lock();
      try {
        next = waiting.peekFirst();
        writing = next != null;
      } finally {
        lock.unlock();
      }
      if (next != null) {
        next.lead();
      }
    }
  }

  private List<Pending<T, R>> nextBatch() {
    List<Pending<T, R>> batch = new ArrayList<>();
    int rows = 0;
    long bytes = 0;
    lock.lock();
    try {
      while (!waiting.isEmpty()) {
        Pending<T, R> head = waiting.peekFirst();
        rows += size.rows(head.request);
        bytes += size.bytes(head.request);
        if (!batch.isEmpty() && (rows > maxRows || bytes > maxBytes)) {
          break;
        }
        batch.add(waiting.pollFirst());
      }
    } finally {
      lock.unlock();
    }
    return batch;
  }

  private void writeBatch(List<Pending<T, R>> batch) {
    try {
      List<R> results = write.apply(batch.stream().map(p -> p.request).toList());
      for (int i = 0; i < batch.size(); i++) {
        batch.get(i).succeed(results.get(i));
      }
    } catch (RuntimeException e) {
      if (batch.size() == 1 || e instanceof StorageUnavailableException || Database.isUnavailable(e)) {
        batch.forEach(pending -> pending.fail(e));
      } else {
        batch.forEach(pending -> writeBatch(List.of(pending)));
      }
    } catch (Error e) {
      // the callers of the batch must not wait for ever on a write that died
      IllegalStateException failed = new IllegalStateException("the write failed: " + e, e);
      batch.forEach(pending -> pending.fail(failed));
      throw e;
    }
  }

  /** One request in line, and how its caller learns that it is done or that it leads now. */
  private static final class Pending<T, R> {
    private final T request;
    private final Thread caller;
    private volatile boolean done;
    private volatile boolean leading;
    private R result;
    private RuntimeException failure;

    Pending(T request, Thread caller) {
      this.request = request;
      this.caller = caller;
    }

    void succeed(R value) {
      result = value;
      finish();
    }

    void fail(RuntimeException error) {
      failure = error;
      finish();
    }

    private void finish() {
      done = true;
      if (caller != Thread.currentThread()) {
        LockSupport.unpark(caller);
      }
    }

    void lead() {
      leading = true;
      LockSupport.unpark(caller);
    }

    /**
     * Waits without giving up on interrupt: the request may already be part of a write, whose
     * outcome the caller must hear (a write is bounded by the driver's socket timeout).
     */
    void awaitDoneOrLead() {
      boolean interrupted = false;
      while (!done && !leading) {
        LockSupport.park(this);
        interrupted |= Thread.interrupted();
      }
      if (interrupted) {
        Thread.currentThread().interrupt();
      }
    }

    R outcome() {
      if (failure != null) {
        throw failure;
      }
      return result;
    }
  }
}
