package dev.middleman.http;

import dev.middleman.core.spi.JobInspection.JobState;
import io.micrometer.core.instrument.Timer;
import java.util.concurrent.TimeUnit;

/** The whole API in one table, in the order of the API documentation. */
final class ApiRoutes {

  private ApiRoutes() {}

  static Router table(JobEndpoints jobs, QueueEndpoints queues, RoutingEndpoints routings,
      InspectionEndpoints inspection, ServiceEndpoints service, Timer pushLatency) {
    return new Router()
        .post("/job/{category+}", timed(pushLatency, jobs::push))
        .post("/jobs", timed(pushLatency, jobs::pushAll))

        .get("/queues", queues::list)
        .get("/queues/stats", queues::allStats)
        .get("/queue/{name}", queues::get)
        .put("/queue/{name}", queues::put)
        .delete("/queue/{name}", queues::delete)
        .get("/queue/{name}/node", queues::node)
        .get("/queue/{name}/stats", queues::stats)

        .get("/routings", routings::list)
        .get("/routing/{category+}", routings::get)
        .put("/routing/{category+}", routings::put)
        .delete("/routing/{category+}", routings::delete)

        .get("/queue/{name}/grabbed", inspection.jobs(JobState.GRABBED))
        .get("/queue/{name}/waiting", inspection.jobs(JobState.WAITING))
        .get("/queue/{name}/deferred", inspection.jobs(JobState.DEFERRED))
        .get("/queue/{name}/job/{id}", inspection::job)
        .delete("/queue/{name}/job/{id}", inspection::deleteJob)
        .get("/queue/{name}/failed", inspection::failedJobs)
        .get("/queue/{name}/failed/{id}", inspection::failedJob)
        .delete("/queue/{name}/failed/{id}", inspection::deleteFailedJob)

        .get("/", service::version)
        .get("/version", service::version)
        .get("/settings", service::settings)
        .get("/health", service::health)
        .get("/stats", service::stats)
        .get("/metrics", service::metrics);
  }

  /** Times the endpoint, answered or refused, from the moment its body has been read. */
  private static Endpoint timed(Timer timer, Endpoint endpoint) {
    return request -> {
      long start = System.nanoTime();
      try {
        return endpoint.answer(request);
      } finally {
        timer.record(System.nanoTime() - start, TimeUnit.NANOSECONDS);
      }
    };
  }
}
