package dev.middleman.mysql;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import dev.middleman.core.spi.StorageUnavailableException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

class GroupCommitTest {

  private static final GroupCommit.Size<String> ONE_ROW = new GroupCommit.Size<>() {
    @Override
    public int rows(String request) {
      return 1;
    }

    @Override
    public long bytes(String request) {
      return request.length();
    }
  };

  /** A request whose write waits until {@link #release} is counted down; its batch is not recorded. */
  private static final String HOLD = "hold";

  private final List<List<String>> batches = Collections.synchronizedList(new ArrayList<>());
  private final CountDownLatch release = new CountDownLatch(1);
  private volatile boolean holding;

  private Function<List<String>, List<String>> recording(Function<List<String>, List<String>> then) {
    return batch -> {
      if (batch.contains(HOLD)) {
        holding = true;
        awaitUninterruptibly(release);
        return upperCase(batch);
      }
      batches.add(List.copyOf(batch));
      return then.apply(batch);
    };
  }

  private static List<String> upperCase(List<String> batch) {
    return batch.stream().map(String::toUpperCase).toList();
  }

  @Test
  void the_first_request_of_an_idle_period_is_written_at_once_by_its_caller() {
    GroupCommit<String, String> commit =
        new GroupCommit<>(recording(GroupCommitTest::upperCase), ONE_ROW, 100, 1000);

    assertThat(commit.submit("a")).isEqualTo("A");
    assertThat(commit.submit("b")).isEqualTo("B");
    assertThat(batches).containsExactly(List.of("a"), List.of("b"));
  }

  @Test
  void requests_that_arrive_during_a_write_are_written_together_by_the_next() {
    GroupCommit<String, String> commit =
        new GroupCommit<>(recording(GroupCommitTest::upperCase), ONE_ROW, 100, 1000);

    List<Object> outcomes = submitTogether(commit, List.of("b", "c", "d", "e"));

    assertThat(outcomes).containsExactly("B", "C", "D", "E");
    assertThat(batches).containsExactly(List.of("b", "c", "d", "e"));
  }

  @Test
  void a_batch_holds_no_more_rows_than_the_bound() {
    GroupCommit<String, String> commit =
        new GroupCommit<>(recording(GroupCommitTest::upperCase), ONE_ROW, 2, 1000);

    List<Object> outcomes = submitTogether(commit, List.of("b", "c", "d", "e", "f"));

    assertThat(outcomes).containsExactly("B", "C", "D", "E", "F");
    assertThat(batches).containsExactly(List.of("b", "c"), List.of("d", "e"), List.of("f"));
  }

  @Test
  void a_request_the_database_refuses_fails_alone_and_the_others_are_written() {
    GroupCommit<String, String> commit = new GroupCommit<>(recording(batch -> {
      if (batch.contains("bad")) {
        throw new IllegalArgumentException("refused: bad");
      }
      return upperCase(batch);
    }), ONE_ROW, 100, 1000);
    List<String> requests = List.of("good", "bad", "fine");

    List<Object> outcomes = submitTogether(commit, requests);

    assertThat(outcomes.get(0)).isEqualTo("GOOD");
    assertThat(outcomes.get(1)).isInstanceOf(IllegalArgumentException.class);
    assertThat(outcomes.get(2)).isEqualTo("FINE");
    assertThat(batches).containsExactly(
        List.of("good", "bad", "fine"), List.of("good"), List.of("bad"), List.of("fine"));
  }

  @Test
  void when_the_database_is_unreachable_every_request_of_the_batch_fails_with_it() {
    GroupCommit<String, String> commit = new GroupCommit<>(recording(batch -> {
      throw new StorageUnavailableException("the database is away", null);
    }), ONE_ROW, 100, 1000);

    assertThatThrownBy(() -> commit.submit("a")).isInstanceOf(StorageUnavailableException.class);
    List<Object> outcomes = submitTogether(commit, List.of("b", "c", "d"));

    assertThat(outcomes).allMatch(StorageUnavailableException.class::isInstance);
    // each batch was tried once: unreachable means retrying them one by one would fail too
    assertThat(batches.stream().mapToInt(List::size).sum()).isEqualTo(4);
  }

  /**
   * Submits the requests, one after the other, while a first write holds the line, so that they
   * wait together for the next write.
   *
   * @return each request's result, or what it threw
   */
  private List<Object> submitTogether(GroupCommit<String, String> commit, List<String> requests) {
    List<Object> outcomes = new ArrayList<>();
    try (ExecutorService callers = Executors.newVirtualThreadPerTaskExecutor()) {
      Future<String> holder = callers.submit(() -> commit.submit(HOLD));
      await().atMost(Duration.ofSeconds(5)).until(() -> holding);
      List<Future<String>> answers = new ArrayList<>();
      for (String request : requests) {
        answers.add(callers.submit(() -> commit.submit(request)));
        int queued = answers.size();
        await().atMost(Duration.ofSeconds(5)).until(() -> commit.waiting() == queued);
      }
      release.countDown();
      assertThat(holder.get()).isEqualTo("HOLD");
      for (Future<String> answer : answers) {
        try {
          outcomes.add(answer.get());
        } catch (ExecutionException e) {
          outcomes.add(e.getCause());
        }
      }
    } catch (InterruptedException | ExecutionException e) {
      throw new IllegalStateException(e);
    }
    return outcomes;
  }

  private static void awaitUninterruptibly(CountDownLatch latch) {
    try {
      latch.await();
    } catch (InterruptedException e) {
      throw new IllegalStateException(e);
    }
  }
}
