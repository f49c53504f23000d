package dev.middleman.mysql;

import java.util.Map;
import java.util.Properties;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Turns the options of a Go-MySQL DSN that have a Connector/J counterpart into it, so that a DSN
 * copied from a Fireworq setup means the same here. Other options pass through unchanged (the
 * driver ignores names it does not know, such as {@code parseTime}).
 */
final class GoDsnOptions {

  private static final Pattern DURATION = Pattern.compile("(\\d+(?:\\.\\d+)?)(ms|s|m|h)");

  private GoDsnOptions() {}

  static Properties toDriverProperties(Map<String, String> params) {
    Properties properties = new Properties();
    params.forEach((name, value) -> {
      switch (name) {
        case "timeout" -> properties.setProperty("connectTimeout", millis(name, value));
        case "readTimeout", "writeTimeout" -> properties.setProperty("socketTimeout", millis(name, value));
        case "tls" -> properties.setProperty("sslMode", switch (value) {
          case "false" -> "DISABLED";
          case "skip-verify" -> "REQUIRED";
          case "preferred" -> "PREFERRED";
          default -> "VERIFY_IDENTITY";
        });
        default -> properties.setProperty(name, value);
      }
    });
    return properties;
  }

  private static String millis(String name, String value) {
    Matcher matcher = DURATION.matcher(value);
    if (!matcher.matches()) {
      throw new IllegalArgumentException("malformed MySQL DSN (option " + name
          + " must be a duration such as 500ms, 5s or 1m, got '" + value + "')");
    }
    double amount = Double.parseDouble(matcher.group(1));
    double factor = switch (matcher.group(2)) {
      case "ms" -> 1;
      case "s" -> 1_000;
      case "m" -> 60_000;
      default -> 3_600_000;
    };
    return String.valueOf(Math.round(amount * factor));
  }
}
