package dev.middleman.http;

import java.util.Deque;
import java.util.Map;
import java.util.Optional;

/**
 * A request as endpoints see it.
 *
 * @param pathParameters the decoded values of the route's {@code {placeholders}}
 * @param query the decoded query parameters
 * @param body the request body, empty for methods that take none
 */
record ApiRequest(Map<String, String> pathParameters, Map<String, Deque<String>> query, byte[] body) {

  String path(String name) {
    String value = pathParameters.get(name);
    if (value == null) {
      throw new IllegalStateException("the route has no {" + name + "}");
    }
    return value;
  }

  Optional<String> query(String name) {
    Deque<String> values = query.get(name);
    return values == null || values.isEmpty() ? Optional.empty() : Optional.of(values.getFirst());
  }
}
