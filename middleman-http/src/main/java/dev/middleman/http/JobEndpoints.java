package dev.middleman.http;

import com.fasterxml.jackson.annotation.JsonRawValue;
import dev.middleman.core.Middleman;
import dev.middleman.core.model.Job;
import dev.middleman.core.model.NewJob;
import dev.middleman.http.JobBodies.JobBody;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/** {@code POST /job/{category}} and {@code POST /jobs}. */
final class JobEndpoints {

  private final Middleman middleman;

  JobEndpoints(Middleman middleman) {
    this.middleman = middleman;
  }

  Answer push(ApiRequest request) throws IOException {
    NewJob job = newJob(request.path("category"), JobBodies.one(request.body()), "");
    return Answer.json(PushResult.of(middleman.push(job), job));
  }

  /** All or nothing: any bad element refuses the whole batch, naming its index. */
  Answer pushAll(ApiRequest request) throws IOException {
    List<JobBody> bodies = JobBodies.many(request.body());
    List<NewJob> jobs = new ArrayList<>(bodies.size());
    for (int index = 0; index < bodies.size(); index++) {
      String prefix = "[" + index + "].";
      Fields fields = Fields.of(bodies.get(index).fields(), prefix);
      String category = fields.text("category")
          .orElseThrow(() -> fields.invalid("category", "is required"));
      NewJob job = newJob(category, bodies.get(index), prefix);
      // routed here too, so that a category nobody takes is reported with its index
      fields.build(() -> middleman.queueFor(job.category()));
      jobs.add(job);
    }
    if (jobs.isEmpty()) {
      return Answer.json(List.of());
    }
    List<Job> stored = middleman.pushAll(jobs);
    List<PushResult> results = new ArrayList<>(stored.size());
    for (int index = 0; index < stored.size(); index++) {
      results.add(PushResult.of(stored.get(index), jobs.get(index)));
    }
    return Answer.json(results);
  }

  private static NewJob newJob(String category, JobBody body, String prefix) {
    Fields fields = Fields.of(body.fields(), prefix);
    String url = fields.text("url").orElse(null);
    long runAfter = fields.nonNegativeLong("run_after", 0);
    int maxRetries = fields.nonNegativeInt("max_retries", 0);
    long retryDelay = fields.nonNegativeLong("retry_delay", 0);
    long timeout = fields.nonNegativeLong("timeout", 0);
    return fields.build(
        () -> new NewJob(category, url, body.payload(), runAfter, maxRetries, retryDelay, timeout));
  }

  /** The request echoed with what the push decided. */
  record PushResult(
      long id,
      String queueName,
      String category,
      String url,
      @JsonRawValue String payload,
      long runAfter,
      int maxRetries,
      long retryDelay,
      long timeout) {

    static PushResult of(Job stored, NewJob job) {
      return new PushResult(stored.id(), stored.queue(), job.category(), job.url(), job.payload(),
          job.runAfter(), job.maxRetries(), job.retryDelay(), job.timeout());
    }
  }
}
