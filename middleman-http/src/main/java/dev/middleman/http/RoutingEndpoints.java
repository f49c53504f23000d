package dev.middleman.http;

import dev.middleman.core.InvalidRequestException;
import dev.middleman.core.Middleman;
import dev.middleman.core.model.QueueDefinition;
import dev.middleman.core.model.Routing;
import java.io.IOException;

/** Which queue each job category goes to. */
final class RoutingEndpoints {

  private final Middleman middleman;

  RoutingEndpoints(Middleman middleman) {
    this.middleman = middleman;
  }

  Answer list(ApiRequest request) {
    return Answer.json(middleman.routings().stream().map(RoutingView::of).toList());
  }

  Answer get(ApiRequest request) {
    String category = request.path("category");
    return Answer.json(middleman.routing(category).map(RoutingView::of)
        .orElseThrow(() -> ApiException.notFound("routing " + category + " is not defined")));
  }

  Answer put(ApiRequest request) throws IOException {
    Fields fields = Fields.of(Json.tree(request.body()), "");
    String queue = fields.text("queue_name")
        .orElseThrow(() -> fields.invalid("queue_name", "is required"));
    try {
      QueueDefinition.requireValidName(queue);
    } catch (InvalidRequestException e) {
      throw fields.invalid("queue_name", e.detail());
    }
    Routing routing = new Routing(request.path("category"), queue);
    return Answer.json(RoutingView.of(middleman.putRouting(routing)));
  }

  Answer delete(ApiRequest request) {
    return Answer.json(RoutingView.of(middleman.deleteRouting(request.path("category"))));
  }

  record RoutingView(String jobCategory, String queueName) {
    static RoutingView of(Routing routing) {
      return new RoutingView(routing.jobCategory(), routing.queueName());
    }
  }
}
