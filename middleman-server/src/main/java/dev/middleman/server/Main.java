package dev.middleman.server;

import dev.middleman.core.spi.StorageUnavailableException;
import dev.middleman.server.config.ConfigException;
import dev.middleman.server.config.ConfigLoader;
import dev.middleman.server.config.ConfigLoader.Request;
import dev.middleman.server.config.ServerConfig;
import dev.middleman.server.lifecycle.Signals;
import dev.middleman.server.lifecycle.StopRequest;
import dev.middleman.server.logging.Logs;
import org.slf4j.LoggerFactory;

/** {@code java -jar middleman.jar [--flags]}: the Middleman daemon. */
public final class Main {

  /** A setting that cannot be used, or an address that cannot be listened on. */
  static final int BAD_CONFIGURATION = 2;
  /** Anything else that kept the daemon from starting, such as an unreachable database. */
  static final int START_FAILED = 1;

  private Main() {}

  public static void main(String[] args) {
    System.exit(run(args));
  }

  static int run(String[] args) {
    ServerConfig config;
    try {
      switch (ConfigLoader.load(args, System.getenv())) {
        case Request.Print print -> {
          System.out.print(print.text());
          return 0;
        }
        case Request.Run run -> config = run.config();
      }
    } catch (ConfigException e) {
      return fail(e);
    }
    Logs logs = Logs.configure(config.logs());
    try {
      StopRequest stop = new StopRequest();
      Signals.install(stop, logs::reopenFiles);
      Daemon daemon = Daemon.create(config);
      daemon.start();
      daemon.runUntil(stop);
      return 0;
    } catch (ConfigException e) {
      return fail(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return START_FAILED;
    } catch (StorageUnavailableException e) {
      // an operational condition (database down, wrong password), not a bug: no stack trace
      LoggerFactory.getLogger(Main.class).error("Middleman could not start: {}", e.getMessage());
      return startFailed(e);
    } catch (RuntimeException e) {
      LoggerFactory.getLogger(Main.class).error("Middleman could not start", e);
      return startFailed(e);
    } finally {
      logs.close();
    }
  }

  private static int startFailed(RuntimeException e) {
    System.err.println("middleman: could not start: " + firstLine(e));
    return START_FAILED;
  }

  private static String firstLine(RuntimeException e) {
    String message = e.getMessage() == null ? e.getClass().getName() : e.getMessage();
    return message.lines().findFirst().orElse("");
  }

  /** The one line an operator needs: which setting, which value, what is wrong. */
  private static int fail(ConfigException e) {
    System.err.println("middleman: " + e.getMessage());
    return BAD_CONFIGURATION;
  }
}
