package dev.middleman.server.it;

/**
 * How the daemons under test connect to the FakeWorker. Its server (the JDK's HttpServer) closes
 * a connection after a request that asked for "Connection: close" without saying so in the
 * answer, and the JDK client Middleman dispatches with then pools that connection and may send
 * the next call on it after the worker closed it: the call fails before reaching the worker (a
 * known defect of dispatching without keep-alive, reported separately). These tests are about
 * crashes and elections, so they keep worker connections alive, which the worker honours.
 */
final class FakeWorkerConnections {

  static final String KEEP_ALIVE = "true";

  private FakeWorkerConnections() {}
}
