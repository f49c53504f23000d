package dev.middleman.http;

import io.undertow.UndertowOptions;
import io.undertow.connector.ByteBufferPool;
import io.undertow.server.DefaultByteBufferPool;
import io.undertow.server.HttpHandler;
import io.undertow.server.protocol.http.HttpOpenListener;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.channels.ServerSocketChannel;
import java.util.concurrent.TimeUnit;
import org.xnio.ChannelListener;
import org.xnio.ChannelListeners;
import org.xnio.IoUtils;
import org.xnio.OptionMap;
import org.xnio.Options;
import org.xnio.StreamConnection;
import org.xnio.Xnio;
import org.xnio.XnioWorker;
import org.xnio.channels.AcceptingChannel;

/**
 * Undertow's HTTP/1.1 protocol on an XNIO worker of our own. Undertow's builder can only bind an
 * address itself; owning the worker lets us also accept on a listening socket we were handed.
 */
final class XnioHttpServer implements AutoCloseable {

  private static final int BUFFER_SIZE = 16 * 1024;

  private final XnioWorker worker;
  private final AcceptingChannel<? extends StreamConnection> channel;
  private final HttpOpenListener openListener;
  private final InetSocketAddress address;

  private XnioHttpServer(XnioWorker worker, AcceptingChannel<? extends StreamConnection> channel,
      HttpOpenListener openListener) {
    this.worker = worker;
    this.channel = channel;
    this.openListener = openListener;
    this.address = channel.getLocalAddress(InetSocketAddress.class);
  }

  static XnioHttpServer bind(InetSocketAddress address, HttpHandler root,
      ConnectionTimeouts timeouts) {
    return open(root, timeouts, (worker, accept) ->
        worker.createStreamConnectionServer(address, accept, socketOptions(worker, timeouts)));
  }

  static XnioHttpServer inherit(ServerSocketChannel listening, HttpHandler root,
      ConnectionTimeouts timeouts) {
    return open(root, timeouts, (worker, accept) ->
        InheritedChannel.accepting(worker, listening, accept, socketOptions(worker, timeouts)));
  }

  InetSocketAddress address() {
    return address;
  }

  /** Connections accepted and not yet closed, whether or not a request is in progress on them. */
  long openConnections() {
    return openListener.getConnectorStatistics().getActiveConnections();
  }

  /** Stops taking new connections; the ones open keep being served. */
  void stopAccepting() {
    IoUtils.safeClose(channel);
  }

  @Override
  public void close() {
    stopAccepting();
    worker.shutdown();
    try {
      if (!worker.awaitTermination(1, TimeUnit.SECONDS)) {
        worker.shutdownNow();
      }
    } catch (InterruptedException e) {
      worker.shutdownNow();
      Thread.currentThread().interrupt();
    }
  }

  @FunctionalInterface
  private interface ChannelOpener {
    AcceptingChannel<? extends StreamConnection> open(
        XnioWorker worker, ChannelListener<AcceptingChannel<StreamConnection>> accept)
        throws IOException;
  }

  private static XnioHttpServer open(HttpHandler root, ConnectionTimeouts timeouts,
      ChannelOpener opener) {
    XnioWorker worker = createWorker();
    try {
      ByteBufferPool buffers = new DefaultByteBufferPool(true, BUFFER_SIZE, -1, 4);
      OptionMap undertowOptions = OptionMap.builder()
          // between requests; a connection stalled inside one is caught by the socket's timeouts
          .set(UndertowOptions.NO_REQUEST_TIMEOUT, timeouts.idleMillis())
          .set(UndertowOptions.REQUEST_PARSE_TIMEOUT, timeouts.requestParseMillis())
          .set(UndertowOptions.ENABLE_STATISTICS, true)
          .getMap();
      HttpOpenListener openListener = new HttpOpenListener(buffers, undertowOptions);
      openListener.setRootHandler(root);
      AcceptingChannel<? extends StreamConnection> channel =
          opener.open(worker, ChannelListeners.openListenerAdapter(openListener));
      channel.resumeAccepts();
      return new XnioHttpServer(worker, channel, openListener);
    } catch (IOException e) {
      worker.shutdownNow();
      throw new UncheckedIOException("cannot listen: " + e.getMessage(), e);
    } catch (RuntimeException e) {
      worker.shutdownNow();
      throw e;
    }
  }

  private static XnioWorker createWorker() {
    int ioThreads = Math.max(2, Runtime.getRuntime().availableProcessors());
    try {
      // endpoints run on our own executor; XNIO's task pool only needs a few threads
      return Xnio.getInstance(XnioHttpServer.class.getClassLoader()).createWorker(OptionMap.builder()
          .set(Options.WORKER_NAME, "middleman-api")
          .set(Options.WORKER_IO_THREADS, ioThreads)
          .set(Options.WORKER_TASK_CORE_THREADS, 2)
          .set(Options.WORKER_TASK_MAX_THREADS, 4)
          .set(Options.CONNECTION_HIGH_WATER, 1_000_000)
          .set(Options.CONNECTION_LOW_WATER, 1_000_000)
          .set(Options.TCP_NODELAY, true)
          .set(Options.CORK, true)
          .getMap());
    } catch (IOException e) {
      throw new UncheckedIOException("cannot start the XNIO worker", e);
    }
  }

  /**
   * The read and write timeouts pass to every accepted connection, where Undertow arms them only
   * while it waits to read or write: an endpoint busy with storage is not cut off.
   */
  private static OptionMap socketOptions(XnioWorker worker, ConnectionTimeouts timeouts) {
    return OptionMap.builder()
        .set(Options.READ_TIMEOUT, timeouts.idleMillis())
        .set(Options.WRITE_TIMEOUT, timeouts.idleMillis())
        .set(Options.WORKER_IO_THREADS, worker.getIoThreadCount())
        .set(Options.TCP_NODELAY, true)
        .set(Options.REUSE_ADDRESSES, true)
        .set(Options.BALANCING_TOKENS, 1)
        .set(Options.BALANCING_CONNECTIONS, 2)
        .set(Options.BACKLOG, 1000)
        .getMap();
  }
}
