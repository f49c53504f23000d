package dev.middleman.http;

import dev.middleman.core.InvalidRequestException;
import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Splits the raw request path into decoded segments. Works on the path as sent rather than on
 * Undertow's decoded one, which drops anything after a {@code ;}: {@code /queue/a;DROP} must reach
 * the name check whole.
 */
final class RequestPath {

  private RequestPath() {}

  /** The path part of a request target, which may be in absolute form. */
  static String rawPath(String requestUri) {
    int scheme = requestUri.indexOf("://");
    if (scheme < 0 || requestUri.startsWith("/")) {
      return requestUri;
    }
    int slash = requestUri.indexOf('/', scheme + 3);
    return slash < 0 ? "/" : requestUri.substring(slash);
  }

  static List<String> segments(String rawPath) {
    String[] parts = rawPath.substring(rawPath.startsWith("/") ? 1 : 0).split("/", -1);
    List<String> segments = new ArrayList<>(parts.length);
    for (String part : parts) {
      segments.add(decode(part));
    }
    return segments;
  }

  private static String decode(String segment) {
    if (segment.indexOf('%') < 0) {
      return segment;
    }
    ByteArrayOutputStream bytes = new ByteArrayOutputStream(segment.length());
    for (int i = 0; i < segment.length(); i++) {
      char c = segment.charAt(i);
      if (c != '%') {
        bytes.writeBytes(String.valueOf(c).getBytes(StandardCharsets.UTF_8));
        continue;
      }
      int high = i + 2 < segment.length() ? Character.digit(segment.charAt(i + 1), 16) : -1;
      int low = high >= 0 ? Character.digit(segment.charAt(i + 2), 16) : -1;
      if (low < 0) {
        throw new InvalidRequestException("path", "has a malformed percent-escape: " + segment);
      }
      bytes.write(high * 16 + low);
      i += 2;
    }
    try {
      return StandardCharsets.UTF_8.newDecoder()
          .onMalformedInput(CodingErrorAction.REPORT)
          .decode(ByteBuffer.wrap(bytes.toByteArray()))
          .toString();
    } catch (CharacterCodingException e) {
      throw new InvalidRequestException("path", "is not UTF-8 once decoded: " + segment);
    }
  }
}
