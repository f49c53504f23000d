package dev.middleman.server.lifecycle;

import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import sun.misc.Signal;

/**
 * The daemon's signals. Handling TERM, INT and HUP ourselves (rather than through shutdown hooks)
 * makes each a graceful stop run by the main thread, and keeps HUP from simply ending the JVM.
 */
public final class Signals {

  private static final Logger log = LoggerFactory.getLogger(Signals.class);
  private static final List<String> STOP = List.of("TERM", "INT", "HUP");
  private static final String REOPEN_LOGS = "USR1";

  private Signals() {}

  public static void install(StopRequest stop, Runnable reopenLogs) {
    for (String name : STOP) {
      Signal.handle(new Signal(name), signal -> stop.request("SIG" + signal.getName()));
    }
    Signal.handle(new Signal(REOPEN_LOGS), signal -> {
      try {
        reopenLogs.run();
      } catch (RuntimeException e) {
        log.error("Could not reopen the log files", e);
      }
    });
  }
}
