package io.affinity.campaigns.delivery;

import io.micronaut.context.ApplicationContext;

/**
 * A sending process for the crash test: starts the application context (configuration from system
 * properties) and the delivery engine, then sends until it is killed.
 */
public final class SenderProcess {
  private SenderProcess() {}

  public static void main(String[] args) throws InterruptedException {
    ApplicationContext context = ApplicationContext.run();
    Runtime.getRuntime().addShutdownHook(new Thread(context::close));
    if (!context.getBean(DeliveryEngine.class).start()) {
      System.err.println("delivery did not start");
      System.exit(2);
    }
    System.out.println("sending as " + context.getBean(DeliveryEngine.class).workerId());
    Thread.currentThread().join();
  }
}
