package io.affinity.service.cli;

import io.micronaut.context.ApplicationContext;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import sun.misc.Signal;
import sun.misc.SignalHandler;

/**
 * Stops the service in order on SIGTERM or Ctrl-C: the application context first (the senders
 * finish their messages, the pools close), then the JVM. Left to the JVM's shutdown hooks, H2's own
 * hook closed the embedded database while Micronaut's was still stopping the senders, which then
 * failed their last writes with "Database is already closed" (and H2 refuses {@code
 * DB_CLOSE_ON_EXIT=FALSE} next to {@code AUTO_SERVER}). A second signal during the stop goes the
 * JVM's usual way.
 */
final class OrderlyStop {
  private static final List<String> SIGNALS = List.of("TERM", "INT");
  private static final Logger LOG = LoggerFactory.getLogger(OrderlyStop.class);

  private OrderlyStop() {}

  /** Blocks until {@code context} stops or a signal asks it to, and then stops it. */
  static void await(ApplicationContext context) throws InterruptedException {
    CountDownLatch signalled = new CountDownLatch(1);
    AtomicReference<String> received = new AtomicReference<>();
    for (String name : SIGNALS) {
      try {
        Signal.handle(
            new Signal(name),
            s -> {
              received.compareAndSet(null, "SIG" + s.getName());
              signalled.countDown();
            });
      } catch (IllegalArgumentException e) {
        // Not available here (e.g. -Xrs): the JVM's shutdown hooks stop the context instead.
      }
    }
    while (context.isRunning() && !signalled.await(500, TimeUnit.MILLISECONDS)) {
      // the context may also stop by itself (an endpoint that stops the server)
    }
    for (String name : SIGNALS) {
      try {
        Signal.handle(new Signal(name), SignalHandler.SIG_DFL);
      } catch (IllegalArgumentException e) {
        // as above
      }
    }
    if (context.isRunning()) {
      LOG.info("{}: stopping", received.get());
      context.close();
      LOG.info("Stopped");
    }
  }
}
