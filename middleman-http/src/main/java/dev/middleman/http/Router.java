package dev.middleman.http;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/** The route table: finds the endpoint for a method and path, or says why there is none. */
final class Router {

  private final List<Route> routes = new ArrayList<>();

  record Route(String method, PathPattern pattern, Endpoint endpoint) {
    /** Whether the request body is read for this route. */
    boolean takesBody() {
      return method.equals("POST") || method.equals("PUT");
    }

    /** Whether the route changes what is stored. */
    boolean writes() {
      return !method.equals("GET");
    }
  }

  record Match(Route route, Map<String, String> parameters) {}

  Router get(String path, Endpoint endpoint) {
    return add("GET", path, endpoint);
  }

  Router post(String path, Endpoint endpoint) {
    return add("POST", path, endpoint);
  }

  Router put(String path, Endpoint endpoint) {
    return add("PUT", path, endpoint);
  }

  Router delete(String path, Endpoint endpoint) {
    return add("DELETE", path, endpoint);
  }

  private Router add(String method, String path, Endpoint endpoint) {
    routes.add(new Route(method, new PathPattern(path), endpoint));
    return this;
  }

  /**
   * @param path the request path's decoded segments
   * @throws ApiException 404 for an unknown path, 405 for a known path with another method
   */
  Match match(String method, List<String> path, String rawPath) {
    // HEAD runs the GET endpoint; Undertow leaves the body out of the answer
    String wanted = method.equals("HEAD") ? "GET" : method;
    Set<String> allowed = new TreeSet<>();
    for (Route route : routes) {
      Map<String, String> parameters = route.pattern().match(path);
      if (parameters == null) {
        continue;
      }
      if (route.method().equals(wanted)) {
        return new Match(route, parameters);
      }
      allowed.add(route.method());
      if (route.method().equals("GET")) {
        allowed.add("HEAD");
      }
    }
    if (allowed.isEmpty()) {
      throw ApiException.notFound("no such path: " + rawPath);
    }
    throw new MethodNotAllowedException(method, rawPath, allowed);
  }
}
