package dev.middleman.http;

import com.fasterxml.jackson.annotation.JsonRawValue;
import dev.middleman.core.InvalidRequestException;
import dev.middleman.core.Middleman;
import dev.middleman.core.model.FailedJob;
import dev.middleman.core.model.Job;
import dev.middleman.core.model.WorkerResult;
import dev.middleman.core.spi.JobInspection;
import dev.middleman.core.spi.JobInspection.FailureOrder;
import dev.middleman.core.spi.JobInspection.JobState;
import dev.middleman.core.spi.JobInspection.Page;
import dev.middleman.core.spi.JobInspection.PageRequest;
import dev.middleman.core.spi.PageCursor;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Optional;

/** Looking into a queue: jobs by state, one job, the failure log. */
final class InspectionEndpoints {

  static final int DEFAULT_LIMIT = 100;
  static final int MAX_LIMIT = 1000;
  private static final DateTimeFormatter RFC_3339_MILLIS =
      DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSSXXX");

  private final Middleman middleman;
  private final QueueEndpoints queues;
  private final Clock clock;
  private final DateTimeFormatter times;

  InspectionEndpoints(Middleman middleman, QueueEndpoints queues, Clock clock, ZoneId zone) {
    this.middleman = middleman;
    this.queues = queues;
    this.clock = clock;
    this.times = RFC_3339_MILLIS.withZone(zone);
  }

  Endpoint jobs(JobState state) {
    return request -> {
      JobInspection inspection = inspection();
      String queue = queues.defined(request).name();
      boolean ascending = ascending(request);
      String list = queue + "/" + state + "/" + (ascending ? "asc" : "desc");
      Page<Job> page = inspection.jobs(queue, state, pageRequest(request, ascending, list),
          clock.millis());
      return Answer.json(new JobsPage(page.items().stream().map(this::view).toList(),
          cursor(page, list)));
    };
  }

  Answer job(ApiRequest request) {
    Target target = target(request);
    return Answer.json(view(target.require("job",
        target.inspection().job(target.queue(), target.id()))));
  }

  Answer deleteJob(ApiRequest request) {
    Target target = target(request);
    JobView job = view(target.require("job",
        target.inspection().job(target.queue(), target.id())));
    target.requireDeleted("job", target.inspection().deleteJob(target.queue(), target.id()));
    return Answer.json(job);
  }

  Answer failedJobs(ApiRequest request) {
    JobInspection inspection = inspection();
    String queue = queues.defined(request).name();
    FailureOrder order = switch (request.query("order").orElse("failed")) {
      case "failed" -> FailureOrder.FAILED;
      case "created" -> FailureOrder.CREATED;
      default -> throw new InvalidRequestException("order", "must be 'failed' or 'created'");
    };
    String list = queue + "/failed/" + order;
    Page<FailedJob> page = inspection.failedJobs(queue, order, pageRequest(request, false, list));
    return Answer.json(new FailedJobsPage(page.items().stream().map(this::view).toList(),
        cursor(page, list)));
  }

  Answer failedJob(ApiRequest request) {
    Target target = target(request);
    return Answer.json(view(target.require("failed job",
        target.inspection().failedJob(target.queue(), target.id()))));
  }

  Answer deleteFailedJob(ApiRequest request) {
    Target target = target(request);
    FailedJobView failed = view(target.require("failed job",
        target.inspection().failedJob(target.queue(), target.id())));
    target.requireDeleted("failed job",
        target.inspection().deleteFailedJob(target.queue(), target.id()));
    return Answer.json(failed);
  }

  private Target target(ApiRequest request) {
    JobInspection inspection = inspection();
    return new Target(inspection, queues.defined(request).name(), id(request));
  }

  /** The one job or failure a path names: its queue and id, and where to look. */
  private record Target(JobInspection inspection, String queue, long id) {

    <T> T require(String what, Optional<T> found) {
      return found.orElseThrow(() -> notFound(what));
    }

    void requireDeleted(String what, boolean deleted) {
      if (!deleted) {
        throw notFound(what);
      }
    }

    private ApiException notFound(String what) {
      return ApiException.notFound(what + " " + id + " is not in queue " + queue);
    }
  }

  private JobInspection inspection() {
    return middleman.inspection().orElseThrow(() -> ApiException.notImplemented(
        "the " + middleman.storage().name() + " storage driver does not support inspection"));
  }

  private static boolean ascending(ApiRequest request) {
    return switch (request.query("order").orElse("desc")) {
      case "desc" -> false;
      case "asc" -> true;
      default -> throw new InvalidRequestException("order", "must be 'desc' or 'asc'");
    };
  }

  /**
   * A limit above the maximum is lowered to it: the client pages on with the cursor.
   *
   * @param list names the list walked, so that a cursor of another one is refused
   */
  private static PageRequest pageRequest(ApiRequest request, boolean ascending, String list) {
    int limit = request.query("limit").map(InspectionEndpoints::limit).orElse(DEFAULT_LIMIT);
    PageCursor after = request.query("cursor").map(text -> PageCursor.decode(text, list))
        .orElse(null);
    return new PageRequest(Math.min(limit, MAX_LIMIT), ascending, after);
  }

  private static int limit(String text) {
    try {
      int limit = Integer.parseInt(text);
      if (limit > 0) {
        return limit;
      }
    } catch (NumberFormatException e) {
      // reported below
    }
    throw new InvalidRequestException("limit", "must be a positive integer, got '" + text + "'");
  }

  private static long id(ApiRequest request) {
    String text = request.path("id");
    try {
      long id = Long.parseLong(text);
      if (id >= 0) {
        return id;
      }
    } catch (NumberFormatException e) {
      // reported below
    }
    throw new InvalidRequestException("id", "must be a non-negative integer, got '" + text + "'");
  }

  private static String cursor(Page<?> page, String list) {
    return page.next() == null ? null : page.next().encode(list);
  }

  private String time(long epochMillis) {
    return times.format(Instant.ofEpochMilli(epochMillis));
  }

  private JobView view(Job job) {
    return new JobView(job.id(), job.category(), job.url(), job.payload(),
        job.status().wireName(), time(job.createdAt()), time(job.nextTry()), job.timeout(),
        job.failCount(), job.maxRetries(), job.retryDelay());
  }

  private FailedJobView view(FailedJob failed) {
    return new FailedJobView(failed.id(), failed.jobId(), failed.category(), failed.url(),
        failed.payload(), ResultView.of(failed.result()), failed.failCount(), time(failed.failedAt()),
        time(failed.createdAt()));
  }

  record JobView(
      long id,
      String category,
      String url,
      @JsonRawValue String payload,
      String status,
      String createdAt,
      String nextTry,
      long timeout,
      int failCount,
      int maxRetries,
      long retryDelay) {}

  record FailedJobView(
      long id,
      long jobId,
      String category,
      String url,
      @JsonRawValue String payload,
      ResultView result,
      int failCount,
      String failedAt,
      String createdAt) {}

  /** The worker's last answer; its own record so that only these three fields are written. */
  record ResultView(String status, int code, String message) {
    static ResultView of(WorkerResult result) {
      return new ResultView(result.status(), result.code(), result.message());
    }
  }

  record JobsPage(List<JobView> jobs, String nextCursor) {}

  record FailedJobsPage(List<FailedJobView> failedJobs, String nextCursor) {}
}
