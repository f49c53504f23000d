package dev.middleman.mysql;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Locale;

/**
 * Names of the MySQL named locks a queue's election uses. MySQL allows at most 64 characters, and
 * depending on the server compares names with or without case; queue names may be 64 characters
 * and differ only in case. So a name that fits and is all lower case is used as it is, and any
 * other gets a cut-down lower-case form plus a hash of the exact name. The hash is set off by
 * {@code ~}, which a queue name cannot contain, so the two forms never meet.
 */
final class LockNames {

  static final int MAX_LENGTH = 64;
  private static final String QUEUE_PREFIX = "middleman.q.";
  private static final String HANDOVER_PREFIX = "middleman.h.";
  private static final int HASH_HEX_DIGITS = 16;

  private LockNames() {}

  /** The lock whose holder is the queue's primary; grabs are fenced on it. */
  static String queue(String queue) {
    return name(QUEUE_PREFIX, queue);
  }

  /**
   * The lock a primary holds on a second connection, and keeps after losing the queue lock until
   * its calls in flight have finished; the next primary needs it before it may dispatch.
   */
  static String handover(String queue) {
    return name(HANDOVER_PREFIX, queue);
  }

  private static String name(String prefix, String queue) {
    String plain = prefix + queue;
    if (plain.length() <= MAX_LENGTH && queue.equals(queue.toLowerCase(Locale.ROOT))) {
      return plain;
    }
    String hash = "~" + hash(queue);
    int room = MAX_LENGTH - prefix.length() - hash.length();
    String readable = queue.substring(0, Math.min(room, queue.length())).toLowerCase(Locale.ROOT);
    return prefix + readable + hash;
  }

  private static String hash(String queue) {
    try {
      byte[] digest = MessageDigest.getInstance("SHA-256")
          .digest(queue.getBytes(StandardCharsets.UTF_8));
      return HexFormat.of().formatHex(digest).substring(0, HASH_HEX_DIGITS);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every JVM has SHA-256", e);
    }
  }
}
