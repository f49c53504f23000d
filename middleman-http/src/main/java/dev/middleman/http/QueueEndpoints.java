package dev.middleman.http;

import com.fasterxml.jackson.databind.JsonNode;
import dev.middleman.core.Middleman;
import dev.middleman.core.MiddlemanSettings;
import dev.middleman.core.model.QueueDefinition;
import dev.middleman.core.model.Throttle;
import java.io.IOException;
import java.util.OptionalDouble;

/** Queue definitions, their primary node and their stats. */
final class QueueEndpoints {

  private final Middleman middleman;

  QueueEndpoints(Middleman middleman) {
    this.middleman = middleman;
  }

  Answer list(ApiRequest request) {
    return Answer.json(middleman.queues().stream().map(QueueView::of).toList());
  }

  Answer get(ApiRequest request) {
    return Answer.json(QueueView.of(defined(request)));
  }

  Answer put(ApiRequest request) throws IOException {
    String name = validName(request);
    // an empty body asks for the defaults, as curl -X PUT without data does
    JsonNode body = request.body().length == 0 ? Json.MAPPER.createObjectNode() : Json.tree(request.body());
    Fields fields = Fields.of(body, "");
    MiddlemanSettings settings = middleman.settings();
    long pollingInterval = fields.nonNegativeLong("polling_interval", settings.defaultPollingInterval());
    int maxWorkers = fields.nonNegativeInt("max_workers", settings.defaultMaxWorkers());
    Throttle throttle = throttle(fields);
    QueueDefinition definition =
        fields.build(() -> new QueueDefinition(name, pollingInterval, maxWorkers, throttle));
    return Answer.json(QueueView.of(middleman.putQueue(definition)));
  }

  Answer delete(ApiRequest request) {
    return Answer.json(QueueView.of(middleman.deleteQueue(validName(request))));
  }

  Answer node(ApiRequest request) {
    String name = defined(request).name();
    return Answer.json(middleman.primaryOf(name)
        .orElseThrow(() -> ApiException.notFound("no node is active on queue " + name)));
  }

  Answer stats(ApiRequest request) {
    String name = validName(request);
    return Answer.json(middleman.stats(name)
        .orElseThrow(() -> ApiException.notFound("queue " + name + " is not defined")));
  }

  Answer allStats(ApiRequest request) {
    return Answer.json(middleman.allStats());
  }

  /** The named queue's definition; 400 for a name no queue can have, 404 when undefined. */
  QueueDefinition defined(ApiRequest request) {
    String name = validName(request);
    return middleman.queue(name)
        .orElseThrow(() -> ApiException.notFound("queue " + name + " is not defined"));
  }

  private static String validName(ApiRequest request) {
    String name = request.path("name");
    QueueDefinition.requireValidName(name);
    return name;
  }

  /**
   * As in Fireworq, 0 in either field is the same as leaving it out. No rate means no throttle, and
   * then a burst above 0 is refused. A rate without a burst size may save up one second's worth of
   * dispatches (at least one).
   */
  private static Throttle throttle(Fields fields) {
    OptionalDouble rate = fields.nonNegativeNumber("max_dispatches_per_second");
    int burst = fields.nonNegativeInt("max_burst_size", 0);
    if (rate.isEmpty() || rate.getAsDouble() == 0) {
      if (burst != 0) {
        throw fields.invalid("max_burst_size", "needs max_dispatches_per_second");
      }
      return null;
    }
    int effectiveBurst = burst != 0 ? burst : (int) Math.max(1, Math.ceil(rate.getAsDouble()));
    return fields.build(() -> new Throttle(rate.getAsDouble(), effectiveBurst));
  }

  /** A queue definition on the wire; the throttle fields only when it has one. */
  record QueueView(
      String name,
      long pollingInterval,
      int maxWorkers,
      Double maxDispatchesPerSecond,
      Integer maxBurstSize) {

    static QueueView of(QueueDefinition queue) {
      Throttle throttle = queue.throttle();
      return new QueueView(queue.name(), queue.pollingInterval(), queue.maxWorkers(),
          throttle == null ? null : throttle.maxDispatchesPerSecond(),
          throttle == null ? null : throttle.maxBurstSize());
    }
  }
}
