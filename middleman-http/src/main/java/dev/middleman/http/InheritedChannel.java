package dev.middleman.http;

import java.io.IOException;
import java.lang.reflect.Constructor;
import java.lang.reflect.InvocationTargetException;
import java.nio.channels.ServerSocketChannel;
import org.xnio.ChannelListener;
import org.xnio.OptionMap;
import org.xnio.StreamConnection;
import org.xnio.XnioWorker;
import org.xnio.channels.AcceptingChannel;

/**
 * Makes XNIO accept on a listening socket opened by someone else (Server::Starter's parent).
 *
 * <p>XNIO only offers servers that bind their own socket, but its NIO worker builds them from a
 * {@link ServerSocketChannel} in exactly the way done here: a {@code NioTcpServer} around the
 * channel, wrapped in a {@code QueuedNioTcpServer2} that spreads accepted connections over the IO
 * threads. Both classes are package-private in {@code org.xnio.nio}, so they are reached by
 * reflection. That needs no {@code --add-opens} as long as XNIO is on the class path (the unnamed
 * module, as in the runnable jar); checked against XNIO 3.8.
 */
final class InheritedChannel {

  private static final String TCP_SERVER = "org.xnio.nio.NioTcpServer";
  private static final String QUEUED_SERVER = "org.xnio.nio.QueuedNioTcpServer2";
  private static final String NIO_WORKER = "org.xnio.nio.NioXnioWorker";

  private InheritedChannel() {}

  @SuppressWarnings({"unchecked", "rawtypes"})
  static AcceptingChannel<StreamConnection> accepting(XnioWorker worker,
      ServerSocketChannel listening, ChannelListener<AcceptingChannel<StreamConnection>> accept,
      OptionMap options) throws IOException {
    if (!listening.isOpen() || listening.socket().getLocalSocketAddress() == null) {
      throw new IOException("the inherited socket is not an open, bound listening socket");
    }
    listening.configureBlocking(false);
    try {
      ClassLoader loader = XnioWorker.class.getClassLoader();
      Class<?> workerClass = Class.forName(NIO_WORKER, true, loader);
      if (!workerClass.isInstance(worker)) {
        throw new IOException("an inherited socket needs XNIO's NIO provider, not "
            + worker.getClass().getName());
      }
      Class<?> tcpServerClass = Class.forName(TCP_SERVER, true, loader);
      Constructor<?> tcpServer = tcpServerClass.getDeclaredConstructor(
          workerClass, ServerSocketChannel.class, OptionMap.class, boolean.class);
      tcpServer.setAccessible(true);
      Constructor<?> queued = Class.forName(QUEUED_SERVER, true, loader)
          .getDeclaredConstructor(tcpServerClass);
      queued.setAccessible(true);
      AcceptingChannel<StreamConnection> server = (AcceptingChannel<StreamConnection>)
          queued.newInstance(tcpServer.newInstance(worker, listening, options, true));
      ((ChannelListener.Setter) server.getAcceptSetter()).set(accept);
      return server;
    } catch (InvocationTargetException e) {
      if (e.getCause() instanceof IOException io) {
        throw io;
      }
      throw new IllegalStateException("XNIO refused the inherited socket", e.getCause());
    } catch (ReflectiveOperationException e) {
      throw new IllegalStateException(
          "this XNIO version cannot serve an inherited socket (expected " + TCP_SERVER + ")", e);
    }
  }
}
