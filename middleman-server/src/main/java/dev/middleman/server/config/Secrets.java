package dev.middleman.server.config;

import java.util.regex.Pattern;

/**
 * Hides passwords in DSN text that may not even parse. A password may itself hold {@code @}, so
 * everything from the first {@code :} of the login to the last {@code @} is hidden.
 */
final class Secrets {

  private static final Pattern USER_INFO_PASSWORD = Pattern.compile("^((?:jdbc:(?:mysql|mariadb)://)?[^:@/]*):.*@");
  private static final Pattern PASSWORD_PARAM = Pattern.compile("(?i)(password=)[^&]*");

  private Secrets() {}

  static boolean isDsn(Setting setting) {
    return setting == Setting.MYSQL_DSN || setting == Setting.QUEUE_MYSQL_DSN
        || setting == Setting.REPOSITORY_MYSQL_DSN;
  }

  static String maskDsnText(String text) {
    if (text == null) {
      return null;
    }
    String masked = USER_INFO_PASSWORD.matcher(text).replaceFirst("$1:***@");
    return PASSWORD_PARAM.matcher(masked).replaceAll("$1***");
  }
}
