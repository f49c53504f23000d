package dev.middleman.core.dispatch;

import dev.middleman.core.DispatchSettings;
import java.net.http.HttpClient;
import java.time.Duration;
import java.util.concurrent.Executors;

/**
 * Builds the dispatch HTTP client. The JDK client takes its pool settings from system properties
 * read once, when the first client is built; an application that embeds Middleman and built one
 * earlier keeps the JDK's defaults.
 */
final class JdkHttpClientFactory {

  /** A week stands in for "never close idle connections", which the JDK client has no word for. */
  private static final Duration NEVER = Duration.ofDays(7);

  private JdkHttpClientFactory() {}

  static HttpClient create(DispatchSettings settings) {
    Duration idle = settings.idleConnTimeout().isZero() ? NEVER : settings.idleConnTimeout();
    setIfAbsent("jdk.httpclient.keepalive.timeout", String.valueOf(idle.toSeconds()));
    setIfAbsent("jdk.httpclient.connectionPoolSize", String.valueOf(settings.maxConnsPerHost()));
    if (!settings.keepAlive()) {
      setIfAbsent("jdk.httpclient.allowRestrictedHeaders", "connection");
    }
    return HttpClient.newBuilder()
        .version(HttpClient.Version.HTTP_1_1)
        .followRedirects(HttpClient.Redirect.NEVER)
        .executor(Executors.newVirtualThreadPerTaskExecutor())
        .build();
  }

  private static void setIfAbsent(String property, String value) {
    if (System.getProperty(property) == null) {
      System.setProperty(property, value);
    }
  }
}
