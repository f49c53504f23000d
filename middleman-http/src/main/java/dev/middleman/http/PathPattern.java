package dev.middleman.http;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A route's path such as {@code /queue/{name}/job/{id}}. {@code {name}} takes one segment;
 * {@code {name+}}, which must come last, takes the rest of the path, slashes included.
 */
final class PathPattern {

  private final String text;
  private final List<String> segments;

  PathPattern(String text) {
    if (!text.startsWith("/")) {
      throw new IllegalArgumentException("a path starts with '/': " + text);
    }
    this.text = text;
    this.segments = List.of(text.substring(1).split("/", -1));
  }

  /** The placeholders' values, or null if the path does not match. */
  Map<String, String> match(List<String> path) {
    Map<String, String> parameters = new HashMap<>();
    for (int i = 0; i < segments.size(); i++) {
      String segment = segments.get(i);
      if (segment.endsWith("+}")) {
        String rest = String.join("/", path.subList(Math.min(i, path.size()), path.size()));
        if (rest.isEmpty()) {
          return null;
        }
        parameters.put(segment.substring(1, segment.length() - 2), rest);
        return parameters;
      }
      if (i >= path.size()) {
        return null;
      }
      if (segment.startsWith("{")) {
        if (path.get(i).isEmpty()) {
          return null;
        }
        parameters.put(segment.substring(1, segment.length() - 1), path.get(i));
      } else if (!segment.equals(path.get(i))) {
        return null;
      }
    }
    return segments.size() == path.size() ? parameters : null;
  }

  @Override
  public String toString() {
    return text;
  }
}
