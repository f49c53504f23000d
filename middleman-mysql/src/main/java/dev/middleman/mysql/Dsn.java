package dev.middleman.mysql;

import java.net.URLDecoder;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Properties;
import java.util.StringJoiner;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Where a MySQL database is and how to log in.
 *
 * <p>Parses Go-MySQL's {@code user:password@tcp(host:port)/database?params} and the URLs {@code
 * jdbc:mysql://user:password@host:port/database?params} (also {@code jdbc:mariadb://}), where the
 * user and password may instead be the parameters {@code user} and {@code password}. The password
 * may contain {@code @} and {@code :}: the login ends at the last {@code @} before the address.
 *
 * @param params connection options other than the login, passed on to the JDBC driver
 */
public record Dsn(String user, String password, String host, int port, String database,
    Map<String, String> params) {

  private static final int DEFAULT_PORT = 3306;
  private static final String GO_FORM = "user:password@tcp(host:port)/database";
  private static final String URL_FORM = "jdbc:mysql://user:password@host:port/database";
  private static final Pattern ADDRESS = Pattern.compile("(\\[[0-9A-Fa-f:.]+\\]|[^\\[\\]:/?@()]+)(?::([^/?]*))?");

  public Dsn {
    params = Map.copyOf(params);
  }

  /** @throws IllegalArgumentException with a one-line reason (never containing the password) */
  public static Dsn parse(String text) {
    if (text == null || text.isBlank()) {
      throw malformed("it is empty");
    }
    String trimmed = text.strip();
    for (String scheme : new String[] {"jdbc:mysql://", "jdbc:mariadb://"}) {
      if (trimmed.regionMatches(true, 0, scheme, 0, scheme.length())) {
        return parseUrl(trimmed.substring(scheme.length()));
      }
    }
    return parseGoForm(trimmed);
  }

  private static Dsn parseGoForm(String text) {
    int at = text.lastIndexOf("@tcp(");
    String login = at < 0 ? "" : text.substring(0, at);
    String rest = at < 0 ? text : text.substring(at + 1);
    if (!rest.startsWith("tcp(")) {
      throw malformed("expected the address as tcp(host:port)");
    }
    int close = rest.indexOf(')');
    if (close < 0) {
      throw malformed("tcp( is not closed by )");
    }
    String address = rest.substring("tcp(".length(), close);
    String afterAddress = rest.substring(close + 1);
    if (!afterAddress.startsWith("/")) {
      throw malformed("expected /database after the address");
    }
    int colon = login.indexOf(':');
    String user = colon < 0 ? login : login.substring(0, colon);
    String password = colon < 0 ? "" : login.substring(colon + 1);
    return build(user, password, address, afterAddress.substring(1), false);
  }

  private static Dsn parseUrl(String rest) {
    int query = rest.indexOf('?');
    int at = rest.lastIndexOf('@', query < 0 ? rest.length() : query);
    String login = at < 0 ? "" : rest.substring(0, at);
    String afterLogin = rest.substring(at + 1);
    int slash = afterLogin.indexOf('/');
    int queryInRest = afterLogin.indexOf('?');
    int addressEnd = slash >= 0 ? slash : queryInRest >= 0 ? queryInRest : afterLogin.length();
    String address = afterLogin.substring(0, addressEnd);
    String path = slash >= 0 ? afterLogin.substring(slash + 1) : afterLogin.substring(addressEnd);
    int colon = login.indexOf(':');
    String user = decode(colon < 0 ? login : login.substring(0, colon));
    String password = decode(colon < 0 ? "" : login.substring(colon + 1));
    return build(user, password, address, path, true);
  }

  private static Dsn build(
      String user, String password, String address, String path, boolean loginInParams) {
    Matcher matcher = ADDRESS.matcher(address);
    if (!matcher.matches()) {
      throw malformed("the address is not host or host:port");
    }
    String host = matcher.group(1);
    if (host.startsWith("[")) {
      host = host.substring(1, host.length() - 1);
    }
    int port = port(matcher.group(2));
    int question = path.indexOf('?');
    String database = decode(question < 0 ? path : path.substring(0, question));
    if (database.isEmpty()) {
      throw malformed("the database name is missing");
    }
    Map<String, String> params = params(question < 0 ? "" : path.substring(question + 1));
    if (loginInParams) {
      String paramUser = params.remove("user");
      String paramPassword = params.remove("password");
      user = user.isEmpty() && paramUser != null ? paramUser : user;
      password = password.isEmpty() && paramPassword != null ? paramPassword : password;
    }
    if (user.isEmpty()) {
      throw malformed("the user is missing");
    }
    GoDsnOptions.toDriverProperties(params); // refuses a malformed option now, not at connect time
    return new Dsn(user, password, host, port, database, params);
  }

  private static int port(String text) {
    if (text == null) {
      return DEFAULT_PORT;
    }
    try {
      int port = Integer.parseInt(text);
      if (port >= 1 && port <= 65535) {
        return port;
      }
    } catch (NumberFormatException e) {
      // reported below
    }
    throw malformed("the port is not a number from 1 to 65535");
  }

  private static Map<String, String> params(String query) {
    Map<String, String> params = new LinkedHashMap<>();
    if (query.isEmpty()) {
      return params;
    }
    for (String pair : query.split("&")) {
      if (pair.isEmpty()) {
        continue;
      }
      int equals = pair.indexOf('=');
      if (equals <= 0) {
        throw malformed("an option is not name=value");
      }
      params.put(decode(pair.substring(0, equals)), decode(pair.substring(equals + 1)));
    }
    return params;
  }

  private static String decode(String text) {
    try {
      return URLDecoder.decode(text.replace("+", "%2B"), StandardCharsets.UTF_8);
    } catch (IllegalArgumentException e) {
      throw malformed("it holds a broken %-escape");
    }
  }

  private static IllegalArgumentException malformed(String reason) {
    return new IllegalArgumentException("malformed MySQL DSN (" + reason + "); expected "
        + GO_FORM + "?options or " + URL_FORM + "?options");
  }

  /** The DSN as text with the password replaced by {@code ***}. */
  public String masked() {
    StringBuilder text = new StringBuilder(user);
    if (!password.isEmpty()) {
      text.append(":***");
    }
    text.append("@tcp(").append(host.contains(":") ? "[" + host + "]" : host).append(':')
        .append(port).append(")/").append(database);
    if (!params.isEmpty()) {
      StringJoiner options = new StringJoiner("&", "?", "");
      new TreeMap<>(params).forEach((name, value) -> options.add(name + "=" + value));
      text.append(options);
    }
    return text.toString();
  }

  /** A JDBC URL naming the server and database only; the login and options go in properties. */
  String jdbcUrl() {
    return "jdbc:mysql://" + (host.contains(":") ? "[" + host + "]" : host) + ":" + port + "/"
        + URLEncoder.encode(database, StandardCharsets.UTF_8);
  }

  /** The options for the JDBC driver, Go-MySQL's names translated. */
  Properties driverProperties() {
    return GoDsnOptions.toDriverProperties(params);
  }

  @Override
  public String toString() {
    return masked();
  }
}
