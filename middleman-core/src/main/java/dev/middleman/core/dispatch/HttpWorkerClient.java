package dev.middleman.core.dispatch;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.middleman.core.DispatchSettings;
import dev.middleman.core.model.Job;
import dev.middleman.core.model.WorkerResult;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Calls workers with the JDK's HTTP client. With keep-alive one client, and so one connection
 * pool, is shared by every queue. Without it each call gets a client of its own, shut down after
 * the call: the JDK client pools a connection unless the <em>response</em> says {@code Connection:
 * close}, and a worker (the JDK's own HTTP server among them) may close the connection after our
 * {@code Connection: close} request without saying so, so a shared client would send the next call
 * on a connection the worker is closing.
 */
public final class HttpWorkerClient implements WorkerClient {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final int MAX_MESSAGE_CHARS = 1000;

  private final JdkHttpClientFactory clients;
  private final HttpClient shared;
  private final DispatchSettings settings;

  public HttpWorkerClient(DispatchSettings settings) {
    this.settings = settings;
    this.clients = new JdkHttpClientFactory(settings);
    this.shared = settings.keepAlive() ? clients.create() : null;
  }

  @Override
  public WorkerResult call(Job job) {
    if (shared != null) {
      return call(shared, job);
    }
    HttpClient ownClient = clients.create();
    try {
      return call(ownClient, job);
    } finally {
      ownClient.shutdownNow();
    }
  }

  private WorkerResult call(HttpClient client, Job job) {
    HttpRequest.Builder request =
        HttpRequest.newBuilder(URI.create(job.url()))
            .header("Content-Type", "application/json")
            .header("User-Agent", settings.userAgent())
            .POST(HttpRequest.BodyPublishers.ofByteArray(WorkerPayload.body(job.payload())));
    if (!settings.keepAlive()) {
      request.header("Connection", "close");
    }
    CompletableFuture<HttpResponse<String>> response =
        client.sendAsync(request.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
    try {
      HttpResponse<String> answer =
          job.timeout() > 0 ? response.get(job.timeout(), TimeUnit.SECONDS) : response.get();
      return verdict(answer.statusCode(), answer.body());
    } catch (TimeoutException e) {
      response.cancel(true);
      return WorkerResult.callFailed("worker did not answer within " + job.timeout() + " s");
    } catch (InterruptedException e) {
      response.cancel(true);
      Thread.currentThread().interrupt();
      return WorkerResult.callFailed("dispatch interrupted");
    } catch (ExecutionException e) {
      return WorkerResult.callFailed("worker call failed: " + describe(e.getCause()));
    }
  }

  static WorkerResult verdict(int code, String body) {
    try {
      JsonNode answer = JSON.readTree(body);
      if (answer != null && answer.path("status").isTextual()) {
        return new WorkerResult(
            answer.get("status").asText(), code, answer.path("message").asText(""));
      }
    } catch (java.io.IOException notJson) {
      // fall through: an answer without a JSON status is a failure
    }
    return new WorkerResult(
        WorkerResult.FAILURE, code, "worker answered no JSON status: "
            + (body.isEmpty() ? "(empty body)" : abbreviate(body)));
  }

  private static String describe(Throwable cause) {
    String message = cause.getMessage();
    return message == null ? cause.getClass().getSimpleName() : cause.getClass().getSimpleName() + ": " + message;
  }

  private static String abbreviate(String body) {
    return body.length() <= MAX_MESSAGE_CHARS ? body : body.substring(0, MAX_MESSAGE_CHARS) + "...";
  }
}
