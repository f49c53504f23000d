package dev.middleman.server.logging;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.encoder.PatternLayoutEncoder;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.Appender;
import ch.qos.logback.core.ConsoleAppender;
import ch.qos.logback.core.FileAppender;
import ch.qos.logback.core.encoder.Encoder;
import dev.middleman.server.config.LogConfig;
import java.io.IOException;
import java.io.Console;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import org.slf4j.LoggerFactory;

/**
 * Sets up Logback in code for the daemon's three logs, and reopens their files on request.
 *
 * <p>The error log is the root logger; the access and queue logs are the loggers
 * {@value #ACCESS_LOGGER} and {@value #QUEUE_LOGGER}, which do not pass their events on to it.
 */
public final class Logs {

  public static final String ACCESS_LOGGER = "middleman.access";
  public static final String QUEUE_LOGGER = "middleman.queue";

  private static final org.slf4j.Logger log = LoggerFactory.getLogger(Logs.class);
  private static final String JOOQ_VERSION_CHECK = "org.jooq.impl.DefaultExecuteContext.logVersionSupport";

  private final LoggerContext context;
  private final Map<Path, FileAppender<ILoggingEvent>> files = new HashMap<>();

  private Logs(LoggerContext context) {
    this.context = context;
  }

  /** Replaces whatever Logback was doing with the configured logs. */
  public static Logs configure(LogConfig config) {
    LoggerContext context = (LoggerContext) LoggerFactory.getILoggerFactory();
    context.reset();
    Logs logs = new Logs(context);
    Appender<ILoggingEvent> errors = config.errorLogFile()
        .<Appender<ILoggingEvent>>map(logs::file)
        .orElseGet(() -> logs.console("stderr", ConsoleTarget.STDERR, humanReadable(context)));
    logs.route(context.getLogger(Logger.ROOT_LOGGER_NAME), config.errorLevel().logback(), errors);
    logs.route(context.getLogger(ACCESS_LOGGER), Level.INFO, logs.jsonTo(config.accessLogFile(), "access"));
    logs.route(context.getLogger(QUEUE_LOGGER), config.queueLevel().logback(),
        logs.jsonTo(config.queueLogFile(), "queue"));
    // MariaDB reports its version to JDBC as "5.5.5-10.x", so jOOQ warns at every start that the
    // server is older than its dialect supports; the driver checks the real version itself.
    context.getLogger(JOOQ_VERSION_CHECK).setLevel(Level.ERROR);
    return logs;
  }

  /**
   * Points every log file's appender at a fresh file of the same name, as after logrotate moved
   * the old one. Lines are swapped under the appender's own lock, so none is lost between files.
   */
  public void reopenFiles() {
    for (FileAppender<ILoggingEvent> appender : files.values()) {
      try {
        appender.openFile(appender.getFile());
      } catch (IOException e) {
        log.error("Could not reopen log file {}: {}", appender.getFile(), e.toString());
      }
    }
    log.info("Reopened {} log file(s)", files.size());
  }

  /** Flushes and closes every appender; call last. */
  public void close() {
    context.stop();
  }

  private void route(Logger logger, Level level, Appender<ILoggingEvent> appender) {
    logger.setLevel(level);
    logger.addAppender(appender);
    if (!logger.getName().equals(Logger.ROOT_LOGGER_NAME)) {
      logger.setAdditive(false);
    }
  }

  private Appender<ILoggingEvent> jsonTo(Optional<Path> file, String name) {
    return file.<Appender<ILoggingEvent>>map(this::file)
        .orElseGet(() -> console(name, ConsoleTarget.STDOUT, started(new JsonLineEncoder())));
  }

  /** One appender per file, so two logs sent to one file share it instead of clobbering it. */
  private FileAppender<ILoggingEvent> file(Path path) {
    return files.computeIfAbsent(path.toAbsolutePath().normalize(), absolute -> {
      FileAppender<ILoggingEvent> appender = new FileAppender<>();
      appender.setContext(context);
      appender.setName("file " + absolute);
      appender.setFile(absolute.toString());
      appender.setAppend(true);
      appender.setEncoder(started(new JsonLineEncoder()));
      appender.start();
      return appender;
    });
  }

  private Appender<ILoggingEvent> console(String name, ConsoleTarget target,
      Encoder<ILoggingEvent> encoder) {
    ConsoleAppender<ILoggingEvent> appender = new ConsoleAppender<>();
    appender.setContext(context);
    appender.setName(name);
    appender.setTarget(target.logback);
    appender.setEncoder(encoder);
    appender.start();
    return appender;
  }

  private <E extends Encoder<ILoggingEvent>> E started(E encoder) {
    encoder.setContext(context);
    encoder.start();
    return encoder;
  }

  private static Encoder<ILoggingEvent> humanReadable(LoggerContext context) {
    PatternLayoutEncoder encoder = new PatternLayoutEncoder();
    encoder.setContext(context);
    encoder.setPattern(onTerminal()
        ? "%d{HH:mm:ss.SSS} %highlight(%-5level) %cyan(%logger{24}) %msg%n"
        : "%d{yyyy-MM-dd'T'HH:mm:ss.SSSXXX} %-5level [%thread] %logger{36} - %msg%n");
    encoder.start();
    return encoder;
  }

  /**
   * Whether a person is likely watching. Java cannot ask about standard error alone; a console
   * means standard input and output are a terminal. From Java 22 a console exists even when they
   * are redirected, and {@code Console.isTerminal()} tells; on Java 21 that method is missing.
   */
  private static boolean onTerminal() {
    Console console = System.console();
    if (console == null) {
      return false;
    }
    try {
      return (Boolean) Console.class.getMethod("isTerminal").invoke(console);
    } catch (ReflectiveOperationException e) {
      return true;
    }
  }

  private enum ConsoleTarget {
    STDOUT("System.out"),
    STDERR("System.err");

    private final String logback;

    ConsoleTarget(String logback) {
      this.logback = logback;
    }
  }
}
