package dev.middleman.server.config;

/**
 * The listening socket Server::Starter hands over, from {@code SERVER_STARTER_PORT}: entries such
 * as {@code 127.0.0.1:8080=3} or {@code 8080=3} separated by {@code ;}. Middleman serves one
 * address, the first.
 *
 * @param address the address start_server bound, as it wrote it
 * @param fd the file descriptor of the socket in this process
 */
public record ServerStarterPort(String address, int fd) {

  public static final String ENV = "SERVER_STARTER_PORT";

  public static ServerStarterPort parse(String text) {
    String first = text.split(";", -1)[0].trim();
    int equals = first.lastIndexOf('=');
    if (equals <= 0) {
      throw invalid(text, "expected ADDRESS=FD, such as 127.0.0.1:8080=3");
    }
    try {
      int fd = Integer.parseInt(first.substring(equals + 1));
      if (fd < 0) {
        throw invalid(text, "the file descriptor must not be negative");
      }
      return new ServerStarterPort(first.substring(0, equals), fd);
    } catch (NumberFormatException e) {
      throw invalid(text, "the file descriptor after '=' must be a number");
    }
  }

  private static ConfigException invalid(String text, String reason) {
    return new ConfigException(ENV + "=" + text + ": " + reason);
  }
}
