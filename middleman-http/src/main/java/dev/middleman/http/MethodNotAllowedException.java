package dev.middleman.http;

import java.util.Set;

/** The path exists but not with this method; {@code allowed} goes into the {@code Allow} header. */
final class MethodNotAllowedException extends ApiException {

  private final Set<String> allowed;

  MethodNotAllowedException(String method, String path, Set<String> allowed) {
    super(405, "method not allowed",
        method + " is not allowed on " + path + "; allowed: " + String.join(", ", allowed));
    this.allowed = Set.copyOf(allowed);
  }

  String allowHeader() {
    return String.join(", ", allowed.stream().sorted().toList());
  }
}
