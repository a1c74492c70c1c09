package io.affinity.service.cli;

import io.affinity.service.Affinity;
import io.micronaut.context.ApplicationContext;
import io.micronaut.runtime.Micronaut;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;

/** Runs the HTTP service with the configuration it finds, until it is stopped. */
@Command(name = "serve", description = "Run the HTTP service (the default command).")
public class ServeCommand implements Callable<Integer> {
  @Override
  public Integer call() throws InterruptedException {
    ApplicationContext context = start(Map.of());
    awaitShutdown(context);
    return 0;
  }

  /** Starts the service with extra configuration {@code properties}. */
  static ApplicationContext start(Map<String, Object> properties) {
    return Micronaut.build(new String[0]).mainClass(Affinity.class).properties(properties).start();
  }

  /** Blocks until the service stops (Ctrl-C, SIGTERM), and stops it in order. */
  static void awaitShutdown(ApplicationContext context) throws InterruptedException {
    OrderlyStop.await(context);
  }
}
