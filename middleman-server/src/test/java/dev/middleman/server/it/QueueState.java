package dev.middleman.server.it;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.http.HttpResponse;

/** What a daemon's API says is stored in a queue. */
final class QueueState {

  private static final ObjectMapper JSON = new ObjectMapper();

  private QueueState() {}

  /** {@code outstanding_jobs} of GET /queue/{name}/stats: the jobs stored in the queue now. */
  static long outstandingJobs(MiddlemanProcess daemon, String queue) throws IOException {
    return read(daemon, "/queue/" + queue + "/stats").get("outstanding_jobs").asLong();
  }

  /** How many jobs one of the inspection lists ({@code grabbed}, {@code waiting}, ...) shows. */
  static int listed(MiddlemanProcess daemon, String queue, String list) throws IOException {
    return read(daemon, "/queue/" + queue + "/" + list + "?limit=1000").get("jobs").size();
  }

  private static JsonNode read(MiddlemanProcess daemon, String path) throws IOException {
    HttpResponse<String> response = daemon.get(path);
    if (response.statusCode() != 200) {
      throw new IOException("GET " + path + " answered " + response.statusCode() + " " + response.body());
    }
    return JSON.readTree(response.body());
  }
}
