package dev.middleman.core.dispatch;

import dev.middleman.core.model.Job;
import dev.middleman.core.model.WorkerResult;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;

/** An in-process worker for dispatcher tests: records calls, answers from a script, can hold calls. */
final class ScriptedWorker implements WorkerClient {

  private final List<Job> calls = new ArrayList<>();
  private final Queue<WorkerResult> script = new ArrayDeque<>();
  private final AtomicInteger inFlight = new AtomicInteger();
  private final AtomicInteger maxInFlight = new AtomicInteger();
  private WorkerResult defaultResult = new WorkerResult(WorkerResult.SUCCESS, 200, "");
  private volatile CountDownLatch gate = new CountDownLatch(0);

  @Override
  public WorkerResult call(Job job) {
    synchronized (this) {
      calls.add(job);
    }
    maxInFlight.accumulateAndGet(inFlight.incrementAndGet(), Math::max);
    try {
      gate.await();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } finally {
      inFlight.decrementAndGet();
    }
    return next();
  }

  synchronized ScriptedWorker answer(WorkerResult... results) {
    script.addAll(List.of(results));
    return this;
  }

  synchronized ScriptedWorker answerAlways(WorkerResult result) {
    defaultResult = result;
    return this;
  }

  /** Calls wait until {@link #release()}. */
  void hold() {
    gate = new CountDownLatch(1);
  }

  void release() {
    gate.countDown();
  }

  synchronized List<Job> calls() {
    return List.copyOf(calls);
  }

  int inFlight() {
    return inFlight.get();
  }

  int maxInFlight() {
    return maxInFlight.get();
  }

  private synchronized WorkerResult next() {
    WorkerResult scripted = script.poll();
    return scripted != null ? scripted : defaultResult;
  }
}
