package dev.middleman.core;

import dev.middleman.core.model.Job;
import dev.middleman.core.model.WorkerResult;
import java.util.List;

/** Tells several listeners, in order. */
final class Listeners implements JobListener {

  private final List<JobListener> listeners;

  Listeners(List<JobListener> listeners) {
    this.listeners = List.copyOf(listeners);
  }

  @Override
  public void pushed(Job job) {
    listeners.forEach(listener -> listener.pushed(job));
  }

  @Override
  public void dispatched(Job job) {
    listeners.forEach(listener -> listener.dispatched(job));
  }

  @Override
  public void finished(Job job, WorkerResult result, Outcome outcome, long elapsedMillis) {
    listeners.forEach(listener -> listener.finished(job, result, outcome, elapsedMillis));
  }
}
