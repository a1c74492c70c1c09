package io.affinity.service.api;

import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpRequestWrapper;
import io.micronaut.http.server.netty.NettyHttpRequest;
import io.netty.channel.ChannelFuture;
import io.netty.util.concurrent.Future;
import io.netty.util.concurrent.GenericFutureListener;

/**
 * Notice of a client that closed its connection while its request is being worked on. Micronaut 4
 * does not cancel a controller's work when the connection closes (not a blocking method, nor a
 * returned {@code Mono} or {@code CompletableFuture}: its HTTP/1 pipeline only discards the
 * response), so a controller that can stop early watches the Netty channel itself.
 */
public final class ClientConnection {
  private ClientConnection() {}

  /** Stops watching a connection; nothing is thrown. */
  public interface Watch extends AutoCloseable {
    @Override
    void close();
  }

  /**
   * Runs {@code onClose} (on the connection's event loop: it must be quick and must not block) when
   * the connection {@code request} came on closes before the returned watch is closed; at once when
   * it is closed already. A request not served by Netty is never watched.
   */
  public static Watch onClose(HttpRequest<?> request, Runnable onClose) {
    HttpRequest<?> r = request;
    while (r instanceof HttpRequestWrapper<?> wrapper) {
      r = wrapper.getDelegate();
    }
    if (!(r instanceof NettyHttpRequest<?> netty)) {
      return () -> {};
    }
    ChannelFuture closed = netty.getChannelHandlerContext().channel().closeFuture();
    GenericFutureListener<Future<? super Void>> listener = f -> onClose.run();
    closed.addListener(listener);
    return () -> closed.removeListener(listener);
  }
}
