package dev.middleman.core.spi;

import dev.middleman.core.InvalidRequestException;
import java.nio.ByteBuffer;
import java.util.Base64;

/**
 * Where a walk through a list stands: the sort key and id of the last item seen, and a mark the
 * store set when the walk began. Clients see it as an opaque string.
 *
 * @param key the sort key of the last item ({@code next_try}, {@code failed_at} or {@code
 *     created_at})
 * @param id the id of the last item
 * @param walkMark when the walk began, in the store's own terms (a change counter or a time from
 *     the database's clock); items changed since are left out of the walk
 */
public record PageCursor(long key, long id, long walkMark) {

  private static final int BYTES = 3 * Long.BYTES;

  public String encode() {
    ByteBuffer buffer = ByteBuffer.allocate(BYTES).putLong(key).putLong(id).putLong(walkMark);
    return Base64.getUrlEncoder().withoutPadding().encodeToString(buffer.array());
  }

  public static PageCursor decode(String text) {
    byte[] bytes;
    try {
      bytes = Base64.getUrlDecoder().decode(text);
    } catch (IllegalArgumentException e) {
      throw malformed(text);
    }
    if (bytes.length != BYTES) {
      throw malformed(text);
    }
    ByteBuffer buffer = ByteBuffer.wrap(bytes);
    return new PageCursor(buffer.getLong(), buffer.getLong(), buffer.getLong());
  }

  private static InvalidRequestException malformed(String text) {
    return new InvalidRequestException("cursor", "is not one this server handed out: '" + text + "'");
  }
}
