package dev.middleman.mysql;

import dev.middleman.core.model.QueueDefinition;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Locale;
import org.jooq.Name;
import org.jooq.impl.DSL;

/**
 * The two tables of one queue: its jobs and its failure log. Names are derived from the validated
 * queue name and always fit MySQL's 64-character limit:
 *
 * <ul>
 *   <li>a name of lower-case letters, digits, {@code _ . -} that fits is used as it is: {@code
 *       mm_j_<name>} and {@code mm_f_<name>};
 *   <li>any other valid name (too long, or with capitals, which some file systems fold) becomes
 *       {@code mm_jh_<first 41 characters, lower-cased>_<16 hex digits of its SHA-256>}, and {@code
 *       mm_fh_...} likewise.
 * </ul>
 *
 * The two forms have different prefixes, so a plain name never meets a hashed one; two hashed names
 * meet only if 64 bits of SHA-256 collide.
 */
record QueueTables(String queue, Name jobs, Name failures) {

  static final int MAX_IDENTIFIER = 64;
  private static final String JOBS = "mm_j_";
  private static final String FAILURES = "mm_f_";
  private static final String HASHED_JOBS = "mm_jh_";
  private static final String HASHED_FAILURES = "mm_fh_";
  private static final int HASH_HEX_DIGITS = 16;
  private static final int KEPT_CHARACTERS =
      MAX_IDENTIFIER - HASHED_JOBS.length() - 1 - HASH_HEX_DIGITS;

  /** @throws dev.middleman.core.InvalidRequestException if {@code queue} is not a valid queue name */
  static QueueTables of(String queue) {
    QueueDefinition.requireValidName(queue);
    return new QueueTables(queue, DSL.name(tableName(JOBS, HASHED_JOBS, queue)),
        DSL.name(tableName(FAILURES, HASHED_FAILURES, queue)));
  }

  static String tableName(String plainPrefix, String hashedPrefix, String queue) {
    boolean plain = queue.equals(queue.toLowerCase(Locale.ROOT))
        && plainPrefix.length() + queue.length() <= MAX_IDENTIFIER;
    if (plain) {
      return plainPrefix + queue;
    }
    String kept = queue.substring(0, Math.min(queue.length(), KEPT_CHARACTERS));
    return hashedPrefix + kept.toLowerCase(Locale.ROOT) + "_" + hash(queue);
  }

  private static String hash(String queue) {
    try {
      byte[] digest =
          MessageDigest.getInstance("SHA-256").digest(queue.getBytes(StandardCharsets.US_ASCII));
      return HexFormat.of().formatHex(digest, 0, HASH_HEX_DIGITS / 2);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every JVM has SHA-256", e);
    }
  }
}
