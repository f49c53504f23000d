package dev.middleman.core.spi;

import dev.middleman.core.InvalidRequestException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.zip.CRC32;

/**
 * Where a walk through a list stands: the sort key and id of the last item seen, and a mark the
 * store set when the walk began. Clients see it as an opaque string.
 *
 * <p>The string carries a CRC32 over the three numbers and the name of the list it walks, so that
 * an edited cursor, or one from another list, is refused rather than silently starting a page
 * somewhere else. It is a checksum, not a signature: it catches mistakes, not a forger, who could
 * only move where a page of a list they may read anyway starts.
 *
 * @param key the sort key of the last item ({@code next_try}, {@code failed_at} or {@code
 *     created_at})
 * @param id the id of the last item
 * @param walkMark when the walk began, in the store's own terms (a change counter or a time from
 *     the database's clock); items changed since are left out of the walk
 */
public record PageCursor(long key, long id, long walkMark) {

  private static final int POSITION_BYTES = 3 * Long.BYTES;
  private static final int BYTES = POSITION_BYTES + Integer.BYTES;

  /** @param list names the list walked (queue, state, order); decoding must name the same */
  public String encode(String list) {
    ByteBuffer buffer = ByteBuffer.allocate(BYTES).putLong(key).putLong(id).putLong(walkMark);
    buffer.putInt(checksum(buffer.array(), list));
    return Base64.getUrlEncoder().withoutPadding().encodeToString(buffer.array());
  }

  /** @throws InvalidRequestException for a cursor not encoded by {@link #encode} for this list */
  public static PageCursor decode(String text, String list) {
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
    PageCursor cursor = new PageCursor(buffer.getLong(), buffer.getLong(), buffer.getLong());
    // comparing the text, not only the checksum, also refuses an edit of the last character's
    // bits that Base64 decoding drops
    if (!cursor.encode(list).equals(text)) {
      throw malformed(text);
    }
    return cursor;
  }

  private static int checksum(byte[] bytes, String list) {
    CRC32 crc = new CRC32();
    crc.update(bytes, 0, POSITION_BYTES);
    crc.update(list.getBytes(StandardCharsets.UTF_8));
    return (int) crc.getValue();
  }

  private static InvalidRequestException malformed(String text) {
    return new InvalidRequestException(
        "cursor", "is not one this server handed out for this list: '" + text + "'");
  }
}
