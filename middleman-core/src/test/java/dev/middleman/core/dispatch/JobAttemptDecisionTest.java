package dev.middleman.core.dispatch;

import static org.assertj.core.api.Assertions.assertThat;

import dev.middleman.core.JobListener.Outcome;
import dev.middleman.core.model.Completion;
import dev.middleman.core.model.Job;
import dev.middleman.core.model.NewJob;
import dev.middleman.core.model.WorkerResult;
import org.junit.jupiter.api.Test;

class JobAttemptDecisionTest {

  private static final long NOW = 1_700_000_000_000L;

  @Test
  void success_deletes_the_job() {
    JobAttempt.Decision decision = JobAttempt.decide(job(3, 10), ok(), NOW);

    assertThat(decision.outcome()).isEqualTo(Outcome.SUCCEEDED);
    assertThat(decision.completion()).isInstanceOf(Completion.Succeeded.class);
  }

  @Test
  void failure_with_retries_left_waits_the_retry_delay() {
    JobAttempt.Decision decision =
        JobAttempt.decide(job(3, 10), new WorkerResult("failure", 500, "boom"), NOW);

    assertThat(decision.outcome()).isEqualTo(Outcome.RETRIED);
    assertThat(decision.completion()).isEqualTo(new Completion.Retry(NOW + 10_000, NOW));
  }

  @Test
  void listeners_hear_of_the_job_as_the_store_records_it_after_the_try() {
    Job job = job(1, 10);
    WorkerResult failure = new WorkerResult("failure", 500, "boom");

    Job retried = JobAttempt.decide(job, failure, NOW).applyTo(job);
    Job exhausted = JobAttempt.decide(retried, failure, NOW).applyTo(retried);

    assertThat(retried.nextTry()).isEqualTo(NOW + 10_000);
    assertThat(retried.retryCount()).isZero();
    assertThat(retried.failCount()).isEqualTo(1);
    assertThat(exhausted.failCount()).isEqualTo(2);
    assertThat(JobAttempt.decide(job, ok(), NOW).applyTo(job)).isEqualTo(job);
  }

  @Test
  void an_unknown_status_counts_as_failure() {
    JobAttempt.Decision decision =
        JobAttempt.decide(job(1, 0), new WorkerResult("maybe", 200, ""), NOW);

    assertThat(decision.outcome()).isEqualTo(Outcome.RETRIED);
  }

  @Test
  void failure_without_retries_left_goes_to_the_failure_log_with_the_result() {
    WorkerResult result = new WorkerResult("failure", 503, "down");

    JobAttempt.Decision decision = JobAttempt.decide(job(0, 10), result, NOW);

    assertThat(decision.outcome()).isEqualTo(Outcome.RETRIES_EXHAUSTED);
    assertThat(decision.completion()).isEqualTo(new Completion.Failed(result, NOW));
  }

  @Test
  void permanent_failure_ends_the_job_even_with_retries_left() {
    WorkerResult result = new WorkerResult("permanent-failure", 200, "bad input");

    JobAttempt.Decision decision = JobAttempt.decide(job(5, 10), result, NOW);

    assertThat(decision.outcome()).isEqualTo(Outcome.FAILED_PERMANENTLY);
    assertThat(decision.completion()).isEqualTo(new Completion.Failed(result, NOW));
  }

  private static WorkerResult ok() {
    return new WorkerResult("success", 200, "");
  }

  private static Job job(int retriesLeft, long retryDelay) {
    return Job.fresh("q", 1, new NewJob("c", "http://localhost/w", null, 0, retriesLeft, retryDelay, 0), NOW);
  }
}
