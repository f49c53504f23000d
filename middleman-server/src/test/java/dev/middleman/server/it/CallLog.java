package dev.middleman.server.it;

import dev.middleman.testkit.Reply;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A worker reply that takes its time and notes, for every call, which node made it (the
 * {@code User-Agent}) and when the worker started and finished answering: what is needed to tell
 * whether two nodes ever had calls in flight at once.
 */
final class CallLog {

  /** One call as the worker saw it, from its arrival until its reply was sent (or failed). */
  record Call(String agent, long startNanos, long endNanos) {

    boolean overlaps(Call other) {
      return startNanos < other.endNanos && other.startNanos < endNanos;
    }

    boolean runningAt(long nanos) {
      return startNanos <= nanos && nanos < endNanos;
    }
  }

  private final List<Call> calls = new CopyOnWriteArrayList<>();
  private final Map<String, AtomicInteger> running = new ConcurrentHashMap<>();

  /** Answers success after {@code delay}, and logs the call once the answer is out. */
  Reply slowSuccess(Duration delay) {
    return exchange -> {
      long start = System.nanoTime();
      String agent = exchange.getRequestHeaders().getFirst("User-Agent");
      AtomicInteger runningForAgent = running.computeIfAbsent(agent, a -> new AtomicInteger());
      runningForAgent.incrementAndGet();
      try {
        Thread.sleep(delay);
        Reply.success().send(exchange);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      } catch (IOException e) {
        // The caller is gone (killed mid-call): the call ends here all the same.
      } finally {
        calls.add(new Call(agent, start, System.nanoTime()));
        runningForAgent.decrementAndGet();
      }
    };
  }

  /** Calls from {@code agent} the worker is answering right now. */
  int runningFor(String agent) {
    AtomicInteger count = running.get(agent);
    return count == null ? 0 : count.get();
  }

  List<Call> calls() {
    return List.copyOf(calls);
  }

  /** Pairs of calls from different agents whose time in flight overlapped. */
  List<List<Call>> overlapsBetweenAgents() {
    List<Call> byStart = new ArrayList<>(calls);
    byStart.sort(Comparator.comparingLong(Call::startNanos));
    List<List<Call>> overlaps = new ArrayList<>();
    for (int i = 0; i < byStart.size(); i++) {
      Call earlier = byStart.get(i);
      for (int j = i + 1; j < byStart.size() && byStart.get(j).startNanos() < earlier.endNanos(); j++) {
        Call later = byStart.get(j);
        if (!later.agent().equals(earlier.agent()) && earlier.overlaps(later)) {
          overlaps.add(List.of(earlier, later));
        }
      }
    }
    return overlaps;
  }
}
